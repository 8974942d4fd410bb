import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../dockerfile/context';
import { finalStage, type Stage } from '../dockerfile/model';
import { runCommands } from '../dockerfile/shell';
import { effectiveUser } from '../dockerfile/users';
import { resolvePath, within, writtenPaths } from '../dockerfile/writes';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';
import { insert } from '../text';

/** A COPY/ADD without `--chown`: what it leaves owned by root. */
interface Copied {
  instruction: Instruction;
  path: string;
}

/**
 * ## What it checks
 *
 * `COPY` and `ADD` create files owned by root (UID 0) unless given `--chown`, whatever the current `USER`.
 * That is fine — and often wanted — for application code that is only read. It becomes a failure when a
 * later step writes those paths as the non-root user.
 *
 * The rule follows the final stage and the stages it is built from, in order, and reports a `COPY`/`ADD`
 * without `--chown` (or `--chmod`) only when a later `RUN`, running as a non-root user (the runtime user in
 * practice: the last `USER`, else the user the profile says the base image ends as), writes inside what it
 * copied. Writes are read from the command words: `mkdir`, `touch`, `rm`, `rmdir`, `tee`, `truncate`,
 * `chmod`, `chown`, `chgrp`, the target of `cp`, `mv`, `ln`, `install`, `rsync`, `sed -i`, redirections
 * (`>`, `>>`), virtual environments (`python -m venv`, `virtualenv`, `uv venv`, `uv sync`), `pip install
 * --target`/`-e`, and `npm ci`/`npm install`/`yarn install` (they write `node_modules` in the current
 * folder). Relative paths start at the `WORKDIR` or at a `cd` earlier in the same `RUN`; a path built from
 * a variable, or a relative one where the folder is unknown (the base image's own `WORKDIR`), is not
 * guessed. What a copy leaves owned by root is its destination (`COPY . /app`: `/app` and everything in
 * it); into a folder that existed before (`.`, a `WORKDIR`, a destination ending in `/`), only the entries
 * named after file sources (`COPY settings.py ./`: `/app/settings.py`), since that folder keeps its owner
 * and a folder source spills only its contents. A `chown`/`chmod` run as root over the copied paths in
 * between settles it. `COPY --from=<stage or image>` is left out: such files keep the owner they had where
 * they come from (only files from the build context are created as root).
 *
 * What the application writes when the container runs cannot be seen in the Dockerfile, so it is not
 * reported; add `--chown` yourself where the application writes its own folders at run time.
 *
 * ## Why
 *
 * The build stops with "Permission denied" when a step run as the non-root user writes into what a copy
 * left owned by root (a `mkdir /app/data`, `python -m venv .venv`, `npm ci` or `sed -i` after
 * `COPY . /app` as `gen3`). Gen3 services write `COPY --chown=gen3:gen3`, Defra's template
 * `COPY --chown=nonroot:nonroot`.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * COPY . /app
 * WORKDIR /app
 * RUN python -m venv .venv
 * ```
 *
 * The `RUN` runs as `gen3` (the user `3.13-pythonbase` ends as) and cannot create `/app/.venv` in the
 * root-owned `/app`.
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER gen3
 * COPY . /app
 * ```
 *
 * Read-only code: nothing writes where the copy went.
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * COPY --chown=gen3:gen3 . /app
 * WORKDIR /app
 * RUN python -m venv .venv
 * ```
 *
 * ## Fix
 *
 * Inserts `--chown=gen3:gen3` (the profile's user and group; another non-root user that writes is named as
 * it is, e.g. `--chown=app`) after the keyword. **Unsafe**, not applied by `--fix`: ownership changes what
 * the application may do.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR005',
    name: 'copy-without-chown',
    language: 'dockerfile',
    severity: 'info',
    summary: 'A COPY/ADD without --chown leaves files owned by root that a later step writes as the non-root user.',
    fixes: ['unsafe'],
    profileFields: ['user.name', 'user.group', 'user.uid', 'user.gid'],
  },
  check({ model, catalog, profile, source }, report) {
    const final = finalStage(model);
    if (!final) return;
    const escape = model.dockerfile.getEscapeCharacter();
    let copied: Copied[] = [];
    // The root stage starts in its base image's WORKDIR, which the profile does not know.
    let workdir: string | undefined;
    /** Folders that exist before a COPY into them: every WORKDIR so far. */
    const folders = new Set<string>();
    for (const stage of chain(final)) {
      for (const instruction of stage.body) {
        const keyword = instruction.getKeyword();
        const args = argumentsOf(instruction);
        if (keyword === 'WORKDIR') {
          workdir = args.length ? resolvePath(args[0], workdir) : workdir;
          if (workdir) folders.add(workdir);
          // From another stage or image, files keep the owner they had there; only the build context's are root's.
        } else if ((keyword === 'COPY' || keyword === 'ADD') && !flagged(instruction, ['chown', 'chmod', 'from'])) {
          for (const path of copiedPaths(args, workdir, folders)) copied.push({ instruction, path });
        } else if (keyword === 'RUN' && copied.length) {
          const commands = runCommands(instruction, source, escape);
          if (!commands) continue;
          const who = effectiveUser(stage, catalog, instruction.getRange().start.line);
          const user = who.kind === 'unknown' ? undefined : who.user;
          const writes = writtenPaths(commands, workdir);
          if (user === undefined) continue;
          if (isRootUser(user)) {
            // Root handing the files over (`chown -R gen3 /app`, `chmod -R a+w /app`) settles it.
            const handed = writes.filter((w) => ['chown', 'chmod', 'chgrp'].includes(w.command));
            copied = copied.filter((c) => !handed.some((w) => within(c.path, w.path)));
            continue;
          }
          for (const c of copied) {
            const write = writes.find((w) => within(w.path, c.path));
            if (!write) continue;
            const line = instruction.getRange().start.line + 1;
            const owner = catalog.isRequiredUser(user) ? `${profile.user.name}:${profile.user.group}` : user;
            const kw = c.instruction.getKeyword();
            report({
              range: c.instruction.getInstructionRange(),
              message: `${kw} leaves '${c.path}' owned by root, but '${write.command}' on line ${line} writes '${write.path}' as '${user}'.`,
              // Ownership changes what the application may do: offered, never applied by --fix.
              fixes: [
                {
                  title: `Add '--chown=${owner}'`,
                  edits: [insert(c.instruction.getInstructionRange().end, ` --chown=${owner}`)],
                  preferred: true,
                  applicability: 'unsafe',
                },
              ],
            });
          }
          copied = copied.filter((c) => !writes.some((w) => within(w.path, c.path)));
        }
      }
    }
  },
});

/**
 * What a COPY/ADD surely leaves owned by root. Into a folder that existed before (a WORKDIR, or one
 * whose ownership the base image decides), only the entries named after file sources are known: a
 * folder source spills its contents, and the folder keeps its owner. Otherwise the destination itself.
 */
function copiedPaths(args: string[], workdir: string | undefined, folders: Set<string>): string[] {
  if (args.length < 2) return [];
  const sources = args.slice(0, -1);
  const written = args[args.length - 1];
  const dest = resolvePath(written, workdir);
  if (!dest) return [];
  const intoFolder = written.endsWith('/') || written === '.' || sources.length > 1 || folders.has(dest);
  if (!intoFolder) return [dest];
  return sources
    .filter((s) => s !== '.' && !s.endsWith('/') && !/[*?[]/.test(s) && !s.includes('$') && !s.startsWith('<<') && !s.includes('://'))
    .map((s) => `${dest === '/' ? '' : dest}/${s.slice(s.lastIndexOf('/') + 1)}`);
}

/** The stages the final image is built from, oldest first. */
function chain(stage: Stage): Stage[] {
  const stages: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) stages.unshift(s);
  return stages;
}

/**
 * Arguments after the flags, as written; a JSON array (`COPY ["a", "b"]`) is read as its strings, and a
 * heredoc's body (the lines after the instruction's first) is not an argument.
 */
function argumentsOf(instruction: Instruction): string[] {
  const line = instruction.getRange().start.line;
  // Read once: each getArguments() call tokenises the instruction again (it was called once per argument).
  const all = instruction.getArguments();
  const heredoc = all.some((h) => h.getValue().startsWith('<<'));
  const args = all.filter((a) => !heredoc || a.getRange().start.line === line).map((a) => a.getValue());
  const plain = args.filter((a) => !a.startsWith('--'));
  if (plain[0]?.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(plain.join(' '));
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed as string[];
    } catch {
      return [];
    }
    return [];
  }
  return plain;
}

function flagged(instruction: Instruction, names: string[]): boolean {
  const flags = (instruction as Instruction & { getFlags?: () => Array<{ getName(): string }> }).getFlags?.() ?? [];
  return flags.some((f) => names.includes(f.getName().toLowerCase()));
}
