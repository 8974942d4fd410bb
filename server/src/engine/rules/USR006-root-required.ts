import type { Instruction } from 'dockerfile-ast';
import type { DockerfileContext } from '../dockerfile/context';
import type { Stage } from '../dockerfile/model';
import { changesPackages, packageCommand } from '../dockerfile/packages';
import { runCommands, type Command, type Word } from '../dockerfile/shell';
import { effectiveUser, wrapAsRoot } from '../dockerfile/users';
import type { Catalog } from '../profile/catalog';
import { isRootUser } from '../profile/catalog';
import { defineRule } from '../rule';

/** Programs that only root may run to any effect on an image. */
const ROOT_COMMANDS = new Set([
  'useradd',
  'groupadd',
  'adduser',
  'addgroup',
  'usermod',
  'groupmod',
  'update-crypto-policies',
  'setcap',
  'update-ca-certificates',
  'update-ca-trust',
]);
/** Programs whose path arguments they write. */
const WRITERS = new Set(['cp', 'mv', 'mkdir', 'ln', 'touch', 'tee', 'chmod', 'chown', 'chgrp', 'rm', 'install', 'sed']);
/**
 * Owned by root in every base image and never handed to the application user. Folders such as `/opt`,
 * `/var/www` or the WORKDIR often are (real Gen3 services `chown` them to gen3 first), so they are left out.
 */
const SYSTEM_PATHS = ['/usr', '/etc', '/var/lib'];

/**
 * ## What it checks
 *
 * A `RUN` that needs root while the stage runs as another user: it changes OS packages (`dnf`, `yum`,
 * `apt-get`, `apk`, `rpm`, `dpkg`: install, remove, update, upgrade, clean), manages users or system
 * settings (`useradd`, `groupadd`, `update-crypto-policies`, `setcap`, `update-ca-trust`, …), or writes
 * under `/usr`, `/etc` or `/var/lib` (`cp`, `mv`, `mkdir`, `ln`, `tee`, `chmod`, `chown`, `sed -i`,
 * `> file`).
 *
 * The user at a step is the last `USER` before it (in the stage or the stages it builds on), else what
 * the profile says the base image ends as; when that is unknown the rule says nothing. Commands run
 * through `sudo` are left alone.
 *
 * ## Why
 *
 * Gen3's `3.13-pythonbase`, `-pythonnginx`, `-pythonuv` and `-pythonpoetry` end as `gen3`, and
 * Defra's images as `nonroot`, so a step that needs root fails the build unless the Dockerfile switches to
 * root first.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * RUN dnf install -y jq
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER root
 * RUN dnf install -y jq
 * USER gen3
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-buildbase
 * RUN dnf install -y jq
 * ```
 *
 * ```dockerfile fails defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * RUN apt-get update && apt-get install -y curl
 * CMD ["-m", "app"]
 * ```
 *
 * `RUN pip install …` is not reported: the `/venv` of the Gen3 chain belongs to `gen3`.
 *
 * ## Fix
 *
 * Inserts `USER root` before the step and `USER <the user it ran as>` after it (not when a `USER` follows
 * the step anyway); consecutive steps that need root share one pair. **Safe**: the steps run as they must,
 * and every later step and the container run as the same user as before. A `CMD`/`ENTRYPOINT` written
 * above the switch back moves just below it, so the user is switched before the entry command as the
 * standard wants; past a `SHELL` instruction a shell-form one would start in another shell, so that fix is
 * **unsafe**.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'USR006',
    name: 'root-required',
    language: 'dockerfile',
    severity: 'error',
    summary: 'A RUN that installs OS packages or writes system paths must run as root.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['repositories[].tags[].user', 'repositories[].tagPatterns[].user'],
  },
  check({ model, catalog, source }, report) {
    const escape = model.dockerfile.getEscapeCharacter();
    for (const stage of model.stages) {
      const needs = stage.body.map((i) => (i.getKeyword() === 'RUN' ? rootStep(runCommands(i, source, escape)) : undefined));
      needs.forEach((word, k) => {
        if (!word) return;
        const run = stage.body[k];
        const user = userAt(stage, run, catalog);
        if (user === undefined || isRootUser(user)) return;
        // Consecutive RUNs that need root share one `USER root` … `USER <user>` pair.
        let first = k;
        while (first > 0 && needs[first - 1]) first--;
        let last = k;
        while (last + 1 < needs.length && needs[last + 1]) last++;
        const wrap = wrapAsRoot(stage, stage.body[first], stage.body[last], source, user);
        report({
          range: { start: source.positionAt(word.start), end: source.positionAt(word.end) },
          message: `'${word.value}' runs as '${user}' here, which cannot change the image's system files.`,
          // Moving a shell-form CMD past a SHELL would start it in another shell.
          fixes: [
            { title: `Run as root, then switch back to '${user}'`, edits: wrap.edits, preferred: true, applicability: wrap.changesShell ? 'unsafe' : 'safe' },
          ],
        });
      });
    }
  },
});

/** The user a RUN executes as: the last USER before it, else the base image's user; `undefined` when unknown. */
function userAt(stage: Stage, run: Instruction, catalog: Catalog): string | undefined {
  const user = effectiveUser(stage, catalog, run.getRange().start.line);
  return user.kind === 'unknown' ? undefined : user.user;
}

/** The command word of the first step that needs root, if any. */
function rootStep(commands: Command[] | undefined): Word | undefined {
  for (const command of commands ?? []) {
    const name = command.name;
    if (!name || command.sudo) continue;
    const pc = packageCommand(command);
    if (pc ? changesPackages(pc) : ROOT_COMMANDS.has(name.value) || writesSystemPath(command)) return name;
  }
  return undefined;
}

function writesSystemPath(command: Command): boolean {
  const args = command.words.slice(command.nameIndex + 1).map((w) => w.value);
  const redirected = args.some(
    (a, i) => ((a === '>' || a === '>>') && isSystemPath(args[i + 1])) || (a.startsWith('>') && isSystemPath(a.slice(a.startsWith('>>') ? 2 : 1))),
  );
  if (redirected) return true;
  if (!WRITERS.has(command.name!.value)) return false;
  if (command.name!.value === 'sed' && !args.some((a) => a.startsWith('-i'))) return false;
  return args.some((a) => !a.startsWith('-') && isSystemPath(a));
}

function isSystemPath(path: string | undefined): boolean {
  return !!path && SYSTEM_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}
