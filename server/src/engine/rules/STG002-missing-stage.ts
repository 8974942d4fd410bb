import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * Applies to Dockerfiles (profiles with `stages.expected`; built in: defra).
 *
 * Defra's standard recommends that services "use multi-stage builds to produce production and development
 * images, each extending the appropriate parent, from a single Dockerfile". The rule reports, on the first
 * `FROM`, a Dockerfile that lacks one of the stages the profile expects (`development` and `production`,
 * compared case-insensitively).
 *
 * ## Why
 *
 * One Dockerfile that builds both images keeps development and production on the same parents and the
 * same steps, so what is tested is what ships.
 *
 * ## Examples
 *
 * ```dockerfile fails defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python-development:2.0.1-python3.13.9 AS development
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ## Fix
 *
 * None: what the missing stage should contain is the team's choice. Name each stage on its `FROM`
 * (`FROM … AS development`, `FROM … AS production`); the editor's
 * "New Dockerfile from template…" command and the `defra-dockerfile` snippet give the standard layout.
 *
 * ## Suppressing
 *
 * `# container-standards ignore-file=STG002` at the top of the file is the usual form, as the finding sits on the first `FROM`.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'STG002',
    name: 'missing-stage',
    language: 'dockerfile',
    severity: 'info',
    summary: 'The Dockerfile should define the stages the standard expects (e.g. development and production).',
    profileFields: ['stages.expected'],
  },
  check({ model, profile }, report) {
    const expected = profile.stages?.expected ?? [];
    const first = model.stages[0];
    if (!first || !expected.length) return;
    const names = new Set(model.stages.map((s) => s.alias?.toLowerCase()));
    const missing = expected.filter((e) => !names.has(e.toLowerCase()));
    if (!missing.length) return;
    report({
      range: first.from.getInstructionRange(),
      message: `No ${missing.map((m) => `'${m}'`).join(' or ')} stage, though the standard builds ${expected.map((e) => `'${e}'`).join(' and ')} from one Dockerfile.`,
    });
  },
});
