import type { DockerfileContext } from '../dockerfile/context';
import type { Stage } from '../dockerfile/model';
import { defineRule } from '../rule';
import { insert } from '../text';
import type { Instruction } from 'dockerfile-ast';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR005',
    name: 'copy-without-chown',
    language: 'dockerfile',
    severity: 'info',
    summary: 'COPY/ADD after switching to the non-root user should set --chown, or the files stay owned by root.',
    fixes: ['unsafe'],
  },
  check({ model, catalog, profile }, report) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return;
    const { name, group } = profile.user;
    let switched = false;
    for (const instruction of chain(final)) {
      const keyword = instruction.getKeyword();
      if (keyword === 'USER') {
        const value = instruction.getArguments()[0]?.getValue();
        switched = !!value && catalog.meetsUserRequirement(value);
      } else if ((keyword === 'COPY' || keyword === 'ADD') && switched && !hasChown(instruction)) {
        report({
          range: instruction.getInstructionRange(),
          message: `${keyword} writes files owned by root even after 'USER ${name}'; add '--chown=${name}:${group}' if the application must write them.`,
          // Ownership changes what the application may do: offered, never applied by --fix.
          fixes: [{ title: `Add '--chown=${name}:${group}'`, edits: [insert(instruction.getInstructionRange().end, ` --chown=${name}:${group}`)], preferred: true, applicability: 'unsafe' }],
        });
      }
    }
  },
});

/** Instructions of the stages the final image is built from, oldest first. */
function chain(stage: Stage): Instruction[] {
  const stages: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) stages.unshift(s);
  return stages.flatMap((s) => s.body);
}

function hasChown(instruction: Instruction): boolean {
  const flags = (instruction as Instruction & { getFlags?: () => Array<{ getName(): string }> }).getFlags?.() ?? [];
  return flags.some((f) => f.getName().toLowerCase() === 'chown');
}
