import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'STG002',
    name: 'missing-stage',
    language: 'dockerfile',
    severity: 'info',
    summary: 'The Dockerfile should define the stages the standard expects (e.g. development and production).',
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
      message: `The standard builds ${expected.map((e) => `'${e}'`).join(' and ')} images from one multi-stage Dockerfile; this file has no ${missing.map((m) => `'${m}'`).join(' or ')} stage (FROM … AS ${missing[0]}).`,
    });
  },
});
