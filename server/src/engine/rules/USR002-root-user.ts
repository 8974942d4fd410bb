import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../dockerfile/context';
import type { Stage } from '../dockerfile/model';
import { baseFacts, effectiveUser, runtimeSwitchPoint, switchUserEdits, type SwitchEdits } from '../dockerfile/users';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR002',
    name: 'root-user',
    language: 'dockerfile',
    severity: 'error',
    summary: 'The container must not run as root.',
    fixes: ['safe', 'unsafe'],
    equivalents: { hadolint: ['DL3002'] },
  },
  check({ model, catalog, profile, source }, report) {
    const final = model.stages[model.stages.length - 1];
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
        message: `The container runs as '${user.user}'; switch back to '${name}' after the steps that need root.`,
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
          ? `'${image}' is not one of the profile's images, so it is taken to run as root (Docker runs as root when an image sets no USER), and the Dockerfile never switches user; create a non-root user and switch to it with USER.`
          : `'${image}' runs as root and the Dockerfile never switches user; add 'USER ${name}'.`,
        fixes: [{ title: `Insert 'USER ${name}'`, edits: edits.edits, preferred: true, applicability: applicability(edits) }],
      });
    }
  },
});

/** Whether a RUN, COPY or ADD of the stage comes after `instruction`: a step that may rely on its user. */
function buildStepAfter(stage: Stage, instruction: Instruction): boolean {
  const line = instruction.getRange().start.line;
  return stage.body.some((i) => i.getRange().start.line > line && ['RUN', 'COPY', 'ADD'].includes(i.getKeyword()));
}
