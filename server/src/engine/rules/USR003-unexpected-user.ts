import type { DockerfileContext } from '../dockerfile/context';
import { finalStage, rootStage } from '../dockerfile/model';
import { effectiveUser } from '../dockerfile/users';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';
import { replace } from '../text';

/**
 * ## What it checks
 *
 * The final effective user is a non-root account other than the standard's. The base images create one
 * user for applications — Gen3's `gen3` and Defra's `nonroot`, both UID/GID 1000 — and files, the virtual
 * environment and the working directory are owned by it. `gen3`, `gen3:gen3`, `1000`, `1000:1000` and
 * `gen3:1000` all mean the Gen3 user; a group other than the user's group (`gen3:wheel`) is reported.
 *
 * A `USER` whose value comes from a variable that cannot be resolved is not reported.
 *
 * ## Why
 *
 * The base images create one user for applications and give it the files, the virtual environment
 * and the working directory; another account cannot write them, and may not exist at all.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER appuser
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER 1000:1000
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * USER appuser
 * CMD ["-m", "app"]
 * ```
 *
 * Under Defra's profile (`user.require` is `non-root`) any non-root account meets the standard, so only Gen3 names one user.
 *
 * ## Fix
 *
 * Replaces the value with the required user. Not applied by `--fix` (another account may be deliberate and
 * own files the image relies on); `--fix-unsafe` applies it.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR003',
    name: 'unexpected-user',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The container should run as the standard non-root user, not another account.',
    fixes: ['unsafe'],
    profileFields: ['user.name', 'user.require', 'user.uid', 'user.gid', 'user.group'],
  },
  check({ model, catalog, profile }, report) {
    const final = finalStage(model);
    if (!final) return;
    const user = effectiveUser(final, catalog);
    // A user hidden behind an unresolvable variable is neither proven wrong nor right.
    // Under `require: non-root` (Defra) any non-root account meets the standard.
    if (user.kind !== 'switch' || !user.user || isRootUser(user.user) || catalog.meetsUserRequirement(user.user)) return;
    const { name, uid, gid } = profile.user;
    // Only the profile's own images are known to create the user.
    const base = rootStage(final).image;
    const creates = base && catalog.matchRepository(base.ref.repository).kind !== 'none' ? ' (the base image creates it)' : '';
    report({
      range: user.at.range,
      message: `The container runs as '${user.user}' instead of the standard's user '${name}' (UID ${uid}, GID ${gid}).`,
      // Another account may be deliberate (and own files): a person should decide.
      fixes: [{ title: `Switch to '${name}'${creates}`, edits: [replace(user.at.range, name)], preferred: true, applicability: 'unsafe' }],
    });
  },
});
