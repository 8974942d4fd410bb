import type { DockerfileContext } from '../dockerfile/context';
import { commandFor, isAptListsCleanup, managerFamily, packageCommand, translatePackage, type PackageCommand } from '../dockerfile/packages';
import { runCommands, type Command } from '../dockerfile/shell';
import { baseFacts } from '../dockerfile/users';
import type { BaseOs } from '../profile/schema';
import { defineRule } from '../rule';
import { replace } from '../text';
import type { Fix, TextEdit } from '../types';
import type { SourceText } from '../text';

/**
 * ## What it checks
 *
 * Applies to Dockerfiles, stages whose base image has an `os` in the profile.
 *
 * A `RUN` that calls a package manager the stage's base image does not have: `apt-get`, `apt`, `dpkg` or
 * `apk` on Amazon Linux 2023 (Gen3's chain has `dnf`, `microdnf`, `yum`), `dnf`, `yum` or `apk` on Debian
 * (Defra's images have `apt-get`).
 *
 * The range is the first foreign command word of the `RUN`. Shell-form `RUN`s are read word by word
 * (quotes, `&&`/`||`/`;`/`|`, line continuations and the comment lines inside them); exec form and
 * heredocs are not guessed at.
 *
 * ## Why
 *
 * A package manager the base image does not have fails the build at that step. It happens most when a
 * service moves from `python:3.x-slim` to the organisation's base image and keeps its `apt-get` lines.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-buildbase
 * RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \
 *  && rm -rf /var/lib/apt/lists/*
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-buildbase
 * RUN dnf install -y gcc
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * USER root
 * RUN apt-get update && apt-get install -y curl
 * USER nonroot
 * CMD ["-m", "app"]
 * ```
 *
 * Nor any image whose OS the profile does not record (`python:3.9-slim`).
 *
 * ## Fix
 *
 * Says the whole `RUN` with the base's first package manager: `apt-get update` → `dnf makecache`,
 * `apt-get install -y --no-install-recommends …` → `dnf install -y …`, `rm -rf /var/lib/apt/lists/*` →
 * `dnf clean all` (and the reverse on Debian, where an install gets the `apt-get update` it needs).
 * Package names come from a table of the packages Python services install most (`libpq-dev` →
 * `libpq-devel`, `build-essential` → `gcc gcc-c++ make`, `curl` → `curl-minimal`):
 *
 * - **unsafe** (`--fix-unsafe` and the quick fix apply it) when every name is in the table: the build
 *   changes, so a person reviews it;
 * - **suggestion** (shown, never applied in bulk) when a name is not: the message names it and the fix
 *   keeps it as written, so no bulk fix ever guesses a package name;
 * - no fix when a subcommand has no counterpart (`apt-get build-dep`).
 *
 * After the fix the install usually needs root: [USR006](USR006.md) says so and fixes that.
 *
 * ## Profile fields read
 *
 * The first package manager listed is the one fixes use.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'PKG001',
    name: 'package-manager-mismatch',
    language: 'dockerfile',
    severity: 'error',
    summary: "A RUN must use the package manager of the stage's base image.",
    fixes: ['unsafe', 'suggestion'],
    profileFields: ['repositories[].os.family', 'repositories[].os.packageManagers'],
  },
  check({ model, catalog, source }, report) {
    const escape = model.dockerfile.getEscapeCharacter();
    for (const stage of model.stages) {
      const base = baseFacts(stage, catalog);
      if (!base?.os) continue;
      const os = base.os;
      const has = new Set(os.packageManagers.map(managerFamily));
      for (const run of stage.body.filter((i) => i.getKeyword() === 'RUN')) {
        const commands = runCommands(run, source, escape);
        const foreign = (commands ?? []).map(packageCommand).filter((pc): pc is PackageCommand => !!pc && !has.has(pc.family));
        if (!commands || !foreign.length) continue;
        const first = foreign[0].manager;
        const { fixes, unknown } = translation(commands, os, source);
        const names = unknown.length ? `, and no ${os.packageManagers[0]} name is known for ${unknown.map((u) => `'${u}'`).join(', ')}` : '';
        report({
          range: { start: source.positionAt(first.start), end: source.positionAt(first.end) },
          message: `'${first.value}' is not on ${os.family}, the OS of '${base.image}'${names}.`,
          fixes,
        });
      }
    }
  },
});

/**
 * Says the RUN's package commands with the base's manager. Unsafe when every package name is in the
 * translation table, a suggestion naming the rest otherwise, and no fix when a command has no counterpart.
 */
function translation(commands: Command[], os: BaseOs, source: SourceText): { fixes: Fix[]; unknown: string[] } {
  const target = os.packageManagers[0];
  const to = managerFamily(target);
  const none = { fixes: [], unknown: [] };
  if (!to) return none;
  const edits: TextEdit[] = [];
  const unknown: string[] = [];
  const span = (start: number, end: number, text: string) => edits.push(replace({ start: source.positionAt(start), end: source.positionAt(end) }, text));
  for (const command of commands) {
    const pc = packageCommand(command);
    if (pc && pc.family !== to) {
      const said = commandFor(pc.action, target);
      if (!said) return none;
      span(pc.head[0].start, pc.head[pc.head.length - 1].end, said);
      for (const word of pc.packages) {
        const names = translatePackage(word.value, pc.family, to);
        if (!names) unknown.push(word.value);
        else if (names.join(' ') !== word.value) span(word.start, word.end, names.join(' '));
      }
      for (const option of pc.trailing) span(option.start, option.end, '');
    } else if (isAptListsCleanup(command) && to !== 'apt') {
      span(command.words[0].start, command.words[command.words.length - 1].end, commandFor('cleanup', target)!);
    }
  }
  if (!edits.length) return none;
  const title = unknown.length
    ? `Use ${target} (check the package names: ${unknown.map((u) => `'${u}'`).join(', ')} kept as written)`
    : `Use ${target} with its package names`;
  return { fixes: [{ title, edits, preferred: true, applicability: unknown.length ? 'suggestion' : 'unsafe' }], unknown };
}
