import type { DockerfileContext } from '../dockerfile/context';
import { finalStage } from '../dockerfile/model';
import { baseFacts, effectiveUser, firstEntry, runtimeSwitchPoint, switchUserEdits } from '../dockerfile/users';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * Where the profile requires an explicit switch (`user.requireExplicit`, true for Gen3), the final stage
 * must switch to the required user with `USER` before its entry command. The Gen3 standard: "All
 * application Dockerfiles must switch to this user before defining the entry command".
 *
 * Only the final stage matters (builder stages may run as root). A `USER` in an earlier stage that the final
 * stage is built `FROM` (e.g. `FROM base AS app` … `FROM app`) counts. Any `USER` counts as a switch for
 * this rule — whether it is the right user is judged by [USR002](USR002.md) (root),
 * [USR003](USR003.md) (another account) and [USR004](USR004.md) (too late). A `USER $APP_USER` whose
 * value cannot be resolved is taken as a switch.
 *
 * The finding sits on the final stage's first `CMD`/`ENTRYPOINT` keyword, or on its `FROM` keyword when it
 * has none, so that a pragma can be written on the line above.
 *
 * ## Why
 *
 * Even though `3.13-pythonbase` already ends as `gen3`, the standard wants the Dockerfile to say so
 * itself, so that a later `USER root` or a change of base cannot silently leave the service running as
 * root.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * COPY . /app
 * CMD ["gunicorn", "app:app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * COPY . /app
 * USER gen3
 * WORKDIR /app
 * CMD ["gunicorn", "app:app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * Defra's profile does not require an explicit `USER` (`user.requireExplicit` is false): its parent images already end as `nonroot`.
 *
 * ## Fix
 *
 * Inserts `USER gen3` (the profile's `user.name`) on its own line, with the same indentation and line
 * endings, where it changes the user of no build step: after the stage's last `RUN`, `COPY` or `ADD`, just
 * above the `CMD`/`ENTRYPOINT` that follows it (or after the stage's last line when none follows).
 *
 * Where a `CMD`/`ENTRYPOINT` is written above that point (before build steps), it moves to just below the
 * new `USER`, with the comment lines directly above it: Docker does not mind where it stands, and the
 * standard switches user before it. Moving a shell-form `CMD`/`ENTRYPOINT` past a `SHELL` instruction would
 * start it in another shell, so that fix is **unsafe**.
 *
 * - **safe** (`--fix` applies it) when the profile lists the user among the users the base image creates
 *   (`users` of its tag or tag pattern: every image of the Gen3 hardened chain creates `gen3`);
 * - **unsafe** otherwise — the non-hardened `amazonlinux-base:latest`, `ubuntu`, any image outside the
 *   catalog — because switching to a user the image never creates stops the container from starting.
 *   The message says so: create the user first, or build on an image that has it.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR001',
    name: 'missing-user',
    language: 'dockerfile',
    severity: 'error',
    summary: 'The final stage must switch to the required non-root user before its entry command.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['user.name', 'user.requireExplicit', 'repositories[].tags[].users', 'repositories[].tagPatterns[].users'],
  },
  check({ model, catalog, profile, source }, report) {
    const final = finalStage(model);
    if (!final || !profile.user.requireExplicit) return;
    // Any USER in the final stage or the stages it is built from is a switch; USR002-USR004 judge it.
    const user = effectiveUser(final, catalog);
    if (user.kind === 'switch') return;
    const assumed =
      user.kind === 'base' && user.assumed && user.stage.image ? `, and '${user.stage.image.ref.text}', outside the profile, is taken to run as root` : '';
    const { name } = profile.user;
    const anchor = firstEntry(final) ?? final.from;
    // Switching to a user the base never creates makes the container fail to start: only the profile's word makes it safe.
    const base = baseFacts(final, catalog);
    const created = base?.users?.includes(name) ?? false;
    const caveat = created ? '' : ` (make sure '${base?.image ?? 'the base image'}' creates that user)`;
    const edits = switchUserEdits(final, source, runtimeSwitchPoint(final), name);
    const where = firstEntry(final) ? `the ${anchor.getKeyword()}` : 'the end of the final stage';
    report({
      range: anchor.getInstructionRange(),
      message: `The image never switches to the non-root user '${name}'${assumed}.`,
      // Moving a shell-form CMD past a SHELL would start it in another shell.
      fixes: [
        {
          title: `Insert 'USER ${name}' before ${where}${caveat}`,
          edits: edits.edits,
          preferred: true,
          applicability: created && !edits.changesShell ? 'safe' : 'unsafe',
        },
      ],
    });
  },
});
