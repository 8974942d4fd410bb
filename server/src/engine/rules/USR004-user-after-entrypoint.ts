import type { DockerfileContext } from '../dockerfile/context';
import { finalStage } from '../dockerfile/model';
import { effectiveUser, firstEntry } from '../dockerfile/users';
import { defineRule } from '../rule';
import { insert, replace } from '../text';

/**
 * ## What it checks
 *
 * The Gen3 standard asks Dockerfiles to "switch to this user before defining the entry command". The rule reports a
 * switch to the required user in the final stage that comes after the first `CMD`/`ENTRYPOINT` when the
 * user in force at that command is not already the required one.
 *
 * ## Why
 *
 * Docker applies the last `USER` whatever its place, so a switch written after `CMD`/`ENTRYPOINT`
 * still works, but it reads as if the command ran as root and is easy to lose when the file is edited.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * CMD ["app"]
 * USER gen3
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
 * Moves the `USER` instruction (all its lines) to just above the first `CMD`/`ENTRYPOINT`, as two minimal
 * edits that keep line endings. Safe (`--fix` applies it) when nothing between the entry command and
 * the `USER` is a `RUN`, `COPY`, `ADD` or another `USER`; otherwise moving it changes which user runs
 * those steps, owns what they add, or which user the container ends as, so it is unsafe (`--fix-unsafe` or the editor).
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR004',
    name: 'user-after-entrypoint',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'Switch to the non-root user before CMD/ENTRYPOINT, not after.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['user.name', 'user.uid', 'user.gid', 'user.group'],
  },
  check({ model, catalog, source }, report) {
    const final = finalStage(model);
    const entry = final && firstEntry(final);
    if (!entry) return;
    const entryLine = entry.getRange().start.line;
    const atEntry = effectiveUser(final, catalog, entryLine);
    if (atEntry.kind === 'switch' && atEntry.user && catalog.meetsUserRequirement(atEntry.user)) return;
    const late = final.users.find((u) => u.instruction.getRange().start.line > entryLine && u.value && catalog.meetsUserRequirement(u.value));
    if (!late) return;
    const r = late.instruction.getRange();
    // Delete the USER's whole lines, then write it again just above the entry command.
    const hasNextLine = r.end.line + 1 < source.lineCount;
    const deleteTo = hasNextLine ? source.lineStarts[r.end.line + 1] : source.text.length;
    // On the last line with no line break after it, take the break before it instead.
    const deleteFrom = hasNextLine ? source.lineStarts[r.start.line] : source.lineEnd(r.start.line - 1);
    const text = source.text.slice(source.offsetAt(r.start), source.offsetAt(r.end));
    // Moving the USER keeps behaviour (and reveals nothing) only when nothing between the entry and it
    // runs as a user (RUN), sets one (USER) or adds files the user may need to own (COPY, ADD).
    const between = final.body.filter((i) => i.getRange().start.line > entryLine && i.getRange().start.line < r.start.line);
    const safe = !between.some((i) => ['USER', 'RUN', 'COPY', 'ADD'].includes(i.getKeyword().toUpperCase()));
    report({
      range: late.instruction.getInstructionRange(),
      message: `'${text}' comes after the ${entry.getKeyword()} on line ${entryLine + 1}, which then reads as if it ran as root.`,
      fixes: [
        {
          title: `Move '${text}' before the ${entry.getKeyword()}`,
          edits: [
            insert({ line: entryLine, character: 0 }, `${source.indentOf(entryLine)}${text}${source.eol}`),
            replace({ start: source.positionAt(deleteFrom), end: source.positionAt(deleteTo) }, ''),
          ],
          preferred: true,
          applicability: safe ? 'safe' : 'unsafe',
        },
      ],
    });
  },
});
