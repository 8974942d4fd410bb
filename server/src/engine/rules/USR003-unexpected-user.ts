import type { DockerfileContext } from '../dockerfile/context';
import { rootStage } from '../dockerfile/model';
import { effectiveUser } from '../dockerfile/users';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';
import { replace } from '../text';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR003',
    name: 'unexpected-user',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The container should run as the standard non-root user, not another account.',
    fixes: ['unsafe'],
  },
  check({ model, catalog, profile }, report) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return;
    const user = effectiveUser(final, catalog);
    // A user hidden behind an unresolvable variable is neither proven wrong nor right.
    // Under `require: non-root` (Defra) any non-root account meets the standard.
    if (user.kind !== 'switch' || !user.user || isRootUser(user.user) || catalog.meetsUserRequirement(user.user)) return;
    const { name, uid, gid } = profile.user;
    // Only the profile's own images are known to create the user.
    const base = rootStage(final).image;
    const creates = base && catalog.matchRepository(base.ref.repository).kind !== 'none' ? ', which the base image creates' : '';
    report({
      range: user.at.range,
      message: `The container runs as '${user.user}'; the standard's user is '${name}' (UID ${uid}, GID ${gid})${creates}.`,
      // Another account may be deliberate (and own files): a person should decide.
      fixes: [{ title: `Switch to '${name}'`, edits: [replace(user.at.range, name)], preferred: true, applicability: 'unsafe' }],
    });
  },
});
