import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../dockerfile/context';
import { finalStage, type Stage } from '../dockerfile/model';
import { baseFacts, effectiveUser, runtimeSwitchPoint, switchUserEdits, type SwitchEdits } from '../dockerfile/users';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * The container must not run as root. The final effective user is the last `USER` of the final stage or
 * of the stages it is built from. It is reported when it is `root` or UID `0` (`root`, `0`, `0:0`,
 * `root:root`) — typically a `USER root` left after installing packages.
 *
 * Where the profile does not require an explicit `USER` (Defra, whose parent images already end as
 * `nonroot`), a Dockerfile with no `USER` at all is also reported when the profile says its base image
 * ends as root. Where an explicit `USER` is required (Gen3), that case is [USR001](USR001.md)'s.
 *
 * ## Why
 *
 * A process running as root inside a container is one kernel bug away from root on the host, and can
 * write anywhere in the image. Both standards' images create an unprivileged user for applications.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER root
 * RUN dnf install -y jq
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER root
 * RUN dnf install -y jq
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile fails defra
 * FROM python:3.9-slim
 * RUN pip install -r requirements.txt
 * CMD ["python", "app.py"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * `USER root` in a builder stage that the final stage does not build on is not reported.
 *
 * ## Fix
 *
 * Safe (`--fix` applies it) when the profile lists the user among those the base image creates (its
 * `users`), else unsafe — on an image outside the catalog the user may not exist, and the container would
 * not start: create it first (`RUN useradd …`), as the fix title says. Either way it keeps the build as it was:
 *
 * - when a `RUN`, `COPY` or `ADD` follows the `USER root` (installs that need root), `USER root` stays
 *   and `USER <name>` is inserted after the stage's last build step, just before the `CMD`/`ENTRYPOINT`
 *   that follows it (or at the end of the stage) — the layout the standards' own services use;
 * - when nothing that runs follows it, the `USER root` itself becomes `USER <name>`;
 * - when root comes from the base image, `USER <name>` is inserted at the same point as for a `USER root`.
 *
 * Where a `CMD`/`ENTRYPOINT` is written above that point (before build steps), it moves to just below the
 * new `USER`, with the comment lines directly above it: Docker does not mind where it stands, and the
 * standard switches user before it. Moving a shell-form `CMD`/`ENTRYPOINT` past a `SHELL` instruction would
 * start it in another shell, so that fix is **unsafe**.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR002',
    name: 'root-user',
    language: 'dockerfile',
    severity: 'error',
    summary: 'The container must not run as root.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['user.name', 'user.requireExplicit', 'repositories[].tags[].user', 'repositories[].tags[].users'],
    equivalents: { hadolint: ['DL3002'] },
  },
  check({ model, catalog, profile, source }, report) {
    const final = finalStage(model);
    if (!final) return;
    const { name } = profile.user;
    const user = effectiveUser(final, catalog);
    // Switching to a user the base never creates stops the container from starting: safe only on the profile's word.
    const created = baseFacts(final, catalog)?.users?.includes(name) ?? false;
    // Moving a shell-form CMD past a SHELL would start it in another shell.
    const applicability = (edits: SwitchEdits) => (created && !edits.changesShell ? 'safe' : 'unsafe');
    if (user.kind === 'switch' && user.user && isRootUser(user.user)) {
      // Steps after `USER root` may need it (installs), so they keep it: the switch back goes after the
      // last build step, before the entry command. Only when no build step follows is the `USER root` itself rewritten.
      const inPlace = final.users.includes(user.at) && !buildStepAfter(final, user.at.instruction);
      const edits = switchUserEdits(final, source, inPlace ? { replace: user.at.range, of: user.at.instruction } : runtimeSwitchPoint(final), name);
      report({
        range: user.at.range,
        message: `The container runs as '${user.user}' because no later USER switches back to '${name}'.`,
        fixes: [
          inPlace
            ? { title: `Switch to '${name}'`, edits: edits.edits, preferred: true, applicability: applicability(edits) }
            : { title: `Insert 'USER ${name}' before the container starts`, edits: edits.edits, preferred: true, applicability: applicability(edits) },
        ],
      });
    } else if (user.kind === 'base' && isRootUser(user.user) && !profile.user.requireExplicit && user.stage.image) {
      // Where an explicit USER is required, USR001 already asks for it.
      const image = user.stage.image.ref.text;
      const edits = switchUserEdits(final, source, runtimeSwitchPoint(final), name);
      report({
        range: user.stage.image.range,
        message: user.assumed
          ? `'${image}', outside the profile, is taken to run as root, and the Dockerfile never switches user.`
          : `'${image}' runs as root and the Dockerfile never switches user.`,
        // Outside the catalog nothing says the user exists: the title says to create it.
        fixes: [
          {
            title: created ? `Insert 'USER ${name}'` : `Insert 'USER ${name}' (create that user first if '${image}' lacks it)`,
            edits: edits.edits,
            preferred: true,
            applicability: applicability(edits),
          },
        ],
      });
    }
  },
});

/** Whether a RUN, COPY or ADD of the stage comes after `instruction`: a step that may rely on its user. */
function buildStepAfter(stage: Stage, instruction: Instruction): boolean {
  const line = instruction.getRange().start.line;
  return stage.body.some((i) => i.getRange().start.line > line && ['RUN', 'COPY', 'ADD'].includes(i.getKeyword()));
}
