import type { DockerfileContext } from '../dockerfile/context';
import { effectiveUser, insertUserEdit } from '../dockerfile/users';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';
import { replace } from '../text';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR002',
    name: 'root-user',
    language: 'dockerfile',
    severity: 'error',
    summary: 'The container must not run as root.',
    fixes: ['safe'],
    equivalents: { hadolint: ['DL3002'] },
  },
  check({ model, catalog, profile, source }, report) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return;
    const { name } = profile.user;
    const user = effectiveUser(final, catalog);
    if (user.kind === 'switch' && user.user && isRootUser(user.user)) {
      report({
        range: user.at.range,
        message: `The container runs as '${user.user}'; switch back to '${name}' after the steps that need root.`,
        fixes: [{ title: `Switch to '${name}'`, edits: [replace(user.at.range, name)], preferred: true, applicability: 'safe' }],
      });
    } else if (user.kind === 'base' && isRootUser(user.user) && !profile.user.requireExplicit && user.stage.image) {
      // Where an explicit USER is required, USR001 already asks for it.
      report({
        range: user.stage.image.range,
        message: `'${user.stage.image.ref.text}' runs as root and the Dockerfile never switches user; add 'USER ${name}'.`,
        fixes: [{ title: `Insert 'USER ${name}'`, edits: [insertUserEdit(final, source, name)], preferred: true, applicability: 'safe' }],
      });
    }
  },
});
