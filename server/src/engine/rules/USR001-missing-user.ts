import type { DockerfileContext } from '../dockerfile/context';
import { baseFacts, effectiveUser, firstEntry, runtimeSwitchPoint, switchUserEdits } from '../dockerfile/users';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR001',
    name: 'missing-user',
    language: 'dockerfile',
    severity: 'error',
    summary: 'The final stage must switch to the required non-root user before its entry command.',
    fixes: ['safe', 'unsafe'],
  },
  check({ model, catalog, profile, source }, report) {
    const final = model.stages[model.stages.length - 1];
    if (!final || !profile.user.requireExplicit) return;
    // Any USER in the final stage or the stages it is built from is a switch; USR002-USR004 judge it.
    const user = effectiveUser(final, catalog);
    if (user.kind === 'switch') return;
    const assumed = user.kind === 'base' && user.assumed && user.stage.image ? ` ('${user.stage.image.ref.text}' is not one of the profile's images, so it is taken to run as root, as Docker does when an image sets no USER)` : '';
    const { name } = profile.user;
    const anchor = firstEntry(final) ?? final.from;
    // Switching to a user the base never creates makes the container fail to start: only the profile's word makes it safe.
    const base = baseFacts(final, catalog);
    const created = base?.users?.includes(name) ?? false;
    const caveat = created ? '' : ` The profile does not say that '${base?.image ?? 'the base image'}' creates '${name}': create it first or build on an image that does.`;
    const edits = switchUserEdits(final, source, runtimeSwitchPoint(final), name);
    report({
      range: anchor.getInstructionRange(),
      message: `The image never switches to the non-root user '${name}'${assumed}; add 'USER ${name}' before ${firstEntry(final) ? `the ${anchor.getKeyword()}` : 'the end of the final stage'}.${caveat}`,
      // Moving a shell-form CMD past a SHELL would start it in another shell.
      fixes: [{ title: `Insert 'USER ${name}'`, edits: edits.edits, preferred: true, applicability: created && !edits.changesShell ? 'safe' : 'unsafe' }],
    });
  },
});
