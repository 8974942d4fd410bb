import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { allRules, BUILTIN_PROFILES, dict, own, languageOf, looksLikeDockerfile, type Language, type RuleSetting } from '../engine';
import { CONFIG_FILE, parseRuleSetting, SettingsResolver, type Settings } from './config';
import { discoverEach, type Target } from './discover';
import { CliError, oneLine, reason } from './errors';
import { EncodedText } from '../engine';
import { checkText, type CheckResult, type Options } from './checkFile';
import { AUTO_START_MS, CheckPool, InOrder, jobsOption, WINDOW_PER_WORKER, type Jobs } from './pool';
import { megabytes, readDescriptorBounded, RefusedFile, SOURCE_LIMIT } from './bounded';
import { cleanUpOnSignals, removeStaleTemps, replaceFile } from './replace';
import { OutputRefused, stopOnClosedStdout, waitForStdoutReader, writeOutput } from './output';
import { COLORS, PLAIN, wantColor } from './formats/color';
import { formatJson } from './formats/json';
import { profilesJson, profilesText } from './formats/profiles';
import { formatSarif } from './formats/sarif';
import { rulesMarkdown, rulesText } from './formats/rules';
import { TextReportWriter } from './formats/text';
import { shownPath } from './paths';
import { plural, type CheckReport, type FileReport } from './report';
import { decodeSource, readSource, stampFor } from './source';
import { repositoryUrl, ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from '../product';
import { catalogSync, parseMaxAge, staleLockWarnings } from './catalog';
import { visible } from './formats/escape';
import { suggestion } from './suggest';

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Checks Dockerfiles and Python files against your organisation's container image standard.

Commands:
  check [paths...]       Check files and folders (default: the current folder). Folders are searched
                         for Dockerfile*, *Dockerfile, Containerfile*, *.Containerfile (any case) and
                         *.py, skipping node_modules, hidden folders, Python virtual environments,
                         what .gitignore lists and the config's "exclude". A named file whose kind
                         its name does not tell is a Dockerfile when it starts with FROM, ARG or a
                         parser directive.
  rules                  List the rules (--format text|json|markdown).
  lsp [--stdio]          Start the language server for any LSP editor (see '${TOOL_NAME} lsp --help').
  profiles [files...]    List the built-in profiles, or validate profile files.
  catalog sync           Read the profile's repositories from their registries (tags, digests per
                         platform, each image's user, Python version, labels and entry command) and
                         write the tag catalog lock, ${'container-standards.lock.json'}, beside the
                         ${CONFIG_FILE} that chose the profile (else in the current folder).
                         Checks read the lock offline; they never reach the network.

Options for check:
  -p, --profile <id|file>     gen3, defra, or a profile JSON file (default: gen3, or the "profile"
                              of the nearest ${CONFIG_FILE})
  -f, --format <format>       text, concise, json or sarif (default: text: each finding with its
                              source line; concise: one line per finding)
  -o, --output <file>         Write the report to a file instead of standard output
  -s, --severity <level>      Report only findings at or above error, warning or info (default: info)
      --fail-on <level>       Exit 1 when a reported finding is at or above error, warning or info
                              (default: warning, so info findings never fail a build)
  -r, --rule <CODE=setting>   Set a rule to off, error, warning or info (repeatable; codes or names)
      --select <codes>        Run only these rules: codes, code prefixes or names, comma-separated
      --build-arg <NAME=VALUE>
                              Value for a Dockerfile ARG, as docker build takes it (repeatable)
      --fix                   Apply safe fixes in place, then report what remains
      --fix-unsafe            Also apply each finding's preferred fix when it is not marked safe
                              (e.g. a new base image): review the changes before committing
      --stdin                 Read one file from standard input; with --fix, print the fixed text
      --stdin-filename <name> Name that decides the kind and config of --stdin (default: the kind
                              from the text: a Dockerfile if it starts with FROM, ARG or a parser
                              directive, else Python)
      --language <kind>       Check every file as dockerfile or python, whatever its name
      --no-config             Ignore ${CONFIG_FILE} files
      --catalog-max-age <age> Warn on standard error when the tag catalog lock is older (30d, 2w, 12h)
      --no-gitignore          Also check files that .gitignore lists
      --allow-outside-profile Let ${CONFIG_FILE} name a profile file outside its repository
  -j, --jobs <n|auto>         Check files in n threads (default: auto, one per core once a run has
                              more than ${AUTO_START_MS} ms of work; 1: one thread). The report is the same
                              whatever n; --fix always checks in one thread
  -q, --quiet                 Print findings only, without the summary
      --color, --no-color     Force colour on or off (default: on for a terminal; NO_COLOR turns it off)

Options for catalog sync:
  -p, --profile <id|file>     The profile whose repositories and mirrors to read
  -o, --output <file>         Write the lock here instead
      --image <ref>           Also inspect an image outside the catalog, e.g. python:3.13-slim, so
                              the user rules know who it runs as (repeatable; kept by later syncs)
  -q, --quiet                 No progress or summary
  Credentials come from ~/.docker/config.json (auths, credHelpers, credsStore). A failed sync leaves
  the lock as it was and exits 2. Mirrors that cannot be read are skipped with a warning.

  -h, --help                  Show this help
  -v, --version               Show the version

Exit codes: 0 no reported finding at or above --fail-on, 1 such findings, 2 usage or input error
(or a fix that could not be written).

`;

const OPTIONS = {
  profile: { type: 'string', short: 'p' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  severity: { type: 'string', short: 's' },
  'fail-on': { type: 'string' },
  rule: { type: 'string', short: 'r', multiple: true },
  select: { type: 'string', multiple: true },
  'build-arg': { type: 'string', multiple: true },
  fix: { type: 'boolean' },
  'fix-unsafe': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-config': { type: 'boolean' },
  'catalog-max-age': { type: 'string' },
  image: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'allow-outside-profile': { type: 'boolean' },
  language: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'list-rules': { type: 'boolean' },
  'list-profiles': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseCommandLine>['values'];
type OptionName = keyof typeof OPTIONS;

const COMMAND_OPTIONS: Record<string, OptionName[]> = {
  check: Object.keys(OPTIONS).filter((k) => !k.startsWith('list-') && k !== 'image') as OptionName[],
  catalog: ['profile', 'output', 'image', 'no-config', 'quiet'],
  rules: ['format', 'output'],
  profiles: ['format', 'output'],
};

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    // Node says e.g. "Option '-p, --profile <value>' argument missing": name the long form.
    const option = /'(?:-\w, )?(-[^' ,]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const longNames = Object.keys(OPTIONS).map((k) => `--${k}`);
      throw new CliError(`unknown option '${option}'`, `${suggestion(option, longNames)}run '${TOOL_NAME} --help' to see the options`);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const takesNone = err.message.includes('does not take an argument');
      throw new CliError(`option '${option}' ${takesNone ? 'takes no value' : 'needs a value'}`, `run '${TOOL_NAME} --help' to see the options`);
    }
    throw new CliError(oneLine(err.message), `run '${TOOL_NAME} --help' to see the options`);
  }
}

async function main(argv: string[]): Promise<number> {
  // The language server has its own options and runs until the editor closes it.
  if (argv[0] === 'lsp') return runLanguageServer(argv.slice(1));
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return print(USAGE);
  if (values.version) return print(`${TOOL_VERSION}\n`);
  let [command, ...rest] = positionals;
  if (values['list-rules'] || values['list-profiles']) {
    if (command !== undefined)
      throw new CliError(
        `--list-${values['list-rules'] ? 'rules' : 'profiles'} takes no command`,
        `run '${TOOL_NAME} --list-rules' or '${TOOL_NAME} --list-profiles' alone`,
      );
    command = values['list-rules'] ? 'rules' : 'profiles';
  }
  if (command === undefined) throw new CliError('no command given', `run '${TOOL_NAME} check [paths...]', or '${TOOL_NAME} --help' for more`);
  if (command === 'help') return print(USAGE);
  const allowed = own(COMMAND_OPTIONS, command);
  if (!allowed)
    throw new CliError(
      `unknown command '${command}'`,
      `${suggestion(command, [...Object.keys(COMMAND_OPTIONS), 'help', 'lsp'])}use check, rules, profiles, lsp or catalog sync (see '${TOOL_NAME} --help')`,
    );
  const given = (Object.keys(values) as OptionName[]).filter((k) => !k.startsWith('list-'));
  const stray = given.find((k) => !allowed.includes(k));
  if (stray) throw new CliError(`--${stray} does not apply to '${command}'`, `run '${TOOL_NAME} --help' to see which options each command takes`);
  if (command === 'rules') return listRules(values, rest);
  if (command === 'profiles') return listProfiles(values, rest);
  if (command === 'catalog') {
    if (rest[0] !== 'sync' || rest.length > 1)
      throw new CliError(
        rest[0] === undefined ? "'catalog' needs a subcommand" : `unknown catalog subcommand '${rest.join(' ')}'`,
        `run '${TOOL_NAME} catalog sync'`,
      );
    return catalogSync({
      profile: values.profile,
      output: values.output,
      images: values.image ?? [],
      useConfig: !values['no-config'],
      quiet: values.quiet === true,
    });
  }
  return check(values, rest);
}

/** Runs the language server bundle that sits next to this one (dist/server.js), as if started directly. */
function runLanguageServer(args: string[]): Promise<number> {
  const server = join(__dirname, 'server.js');
  if (!existsSync(server)) throw new CliError(`the language server is not next to the CLI (${server})`, "run 'npm run build'");
  process.argv = [process.argv[0], server, ...args];
  createRequire(__filename)(server);
  return new Promise(() => undefined);
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function choice<T extends string>(value: string | undefined, fallback: T, allowed: readonly T[], option: string): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new CliError(`${option} '${v}' is not one of ${allowed.join(', ')}`, `use ${option} ${allowed.join('|')}`);
  return v as T;
}

/** Writes a report where `--output` says (creating its folder), or to standard output. */
function emit(report: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(report);
    return;
  }
  try {
    writeOutput(output, report);
  } catch (e) {
    if (e instanceof OutputRefused) throw new CliError(`will not write the report: ${e.problem}`, e.remedy);
    throw new CliError(`cannot write the report to '${output}': ${reason(e)}`, 'choose another --output path');
  }
}

// ---- check ---------------------------------------------------------------------------------------

function ruleFlags(values: Values): Record<string, RuleSetting> {
  const rules = dict<RuleSetting>();
  for (const flag of values.rule ?? []) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new CliError(`--rule '${flag}' is not CODE=setting`, 'write it like --rule IMG001=warning or --rule IMG001=off');
    const [code, setting] = parseRuleSetting(flag.slice(0, eq).trim(), flag.slice(eq + 1).trim(), '--rule');
    rules[code] = setting;
  }
  return rules;
}

/** `NAME=VALUE`, or `NAME` alone to take the value from the environment as `docker build` does. */
function buildArgFlags(values: Values): Record<string, string> {
  const args = dict<string>();
  for (const flag of values['build-arg'] ?? []) {
    const eq = flag.indexOf('=');
    const name = eq < 0 ? flag : flag.slice(0, eq);
    if (!name) throw new CliError(`--build-arg '${flag}' has no name`, 'write it like --build-arg NAME=VALUE');
    const value = eq < 0 ? process.env[name] : flag.slice(eq + 1);
    if (value !== undefined) args[name] = value;
  }
  return args;
}

type Format = 'text' | 'concise' | 'json' | 'sarif';

async function check(values: Values, paths: string[]): Promise<number> {
  // Only here: the language server (`lsp`) talks over stdout and must never block on its client.
  waitForStdoutReader();
  const cwd = process.cwd();
  const format = choice(values.format, 'text', ['text', 'concise', 'json', 'sarif'] as const, '--format');
  const options: Options = {
    threshold: choice(values.severity, 'info', ['error', 'warning', 'info'] as const, '--severity'),
    failOn: choice(values['fail-on'], 'warning', ['error', 'warning', 'info'] as const, '--fail-on'),
    fixMode: values['fix-unsafe'] ? 'unsafe' : values.fix ? 'safe' : 'none',
  };
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new CliError('--stdin-filename needs --stdin', 'add --stdin, or pass the file as a path');
  if (values.stdin && paths.length) throw new CliError('--stdin takes no paths', 'give either --stdin or paths');
  const select = values.select
    ?.flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  // An empty list (e.g. --select "$RULES" with the variable unset) would silently run no rule at all.
  if (select !== undefined && select.length === 0)
    throw new CliError('--select names no rule', 'give rule codes, prefixes or names (e.g. --select IMG,USR001), or leave --select out to run every rule');
  const resolver = new SettingsResolver({
    cwd,
    profile: values.profile,
    select,
    rules: ruleFlags(values),
    buildArgs: buildArgFlags(values),
    useConfig: !values['no-config'],
    gitignore: !values['no-gitignore'],
    allowOutsideProfile: values['allow-outside-profile'] === true,
  });

  const maxAge = values['catalog-max-age'] === undefined ? undefined : parseMaxAge(values['catalog-max-age']);
  const forced = values.language === undefined ? undefined : choice(values.language, 'dockerfile', ['dockerfile', 'python'] as const, '--language');
  const context: CheckContext = { values, format, options, resolver, cwd, maxAge, forced, jobs: jobsOption(values.jobs) };
  if (values.stdin) return checkStdin(context);
  if ((format === 'text' || format === 'concise') && values.output === undefined && options.fixMode === 'none') {
    // Printed as each file is checked, keeping only the counts: memory stays flat on a large tree.
    const writer = textWriter(format, values, (text) => process.stdout.write(text), process.stdout.isTTY === true);
    await checkPaths(paths.length ? paths : ['.'], context, (file) => writer.add(file));
    writer.end(options.fixMode);
    return writer.tally.fails ? 1 : 0;
  }
  const { files, writeFailed } = await checkPaths(paths.length ? paths : ['.'], context);
  emit(render(format, { files, cwd, fixMode: options.fixMode }, values, process.stdout.isTTY === true), values.output);
  // A fix that could not be written (permissions, a full disk) is an error of the run, like an unreadable file.
  return writeFailed ? 2 : exitCode(files);
}

interface CheckContext {
  values: Values;
  format: Format;
  options: Options;
  resolver: SettingsResolver;
  cwd: string;
  /** `--catalog-max-age` in days. */
  maxAge?: number;
  /** `--language`: every file is checked as this kind. */
  forced?: Language;
  /** `--jobs`: threads that check files. */
  jobs: Jobs;
}

const siblingCache = new Map<string, string[]>();

/** Names in a folder (empty when it cannot be read), read once per folder. */
function siblingsOf(dir: string): string[] {
  let names = siblingCache.get(dir);
  if (!names) {
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    siblingCache.set(dir, names);
  }
  return names;
}

type Input = NonNullable<ReturnType<ReturnType<typeof opener>>>;

/** Reads one target and tells its kind and settings; `undefined` when it is skipped (with a notice). */
function opener(paths: string[], { resolver, cwd }: CheckContext, notice: (text: string) => void) {
  // A path named on the command line that cannot be read stops the run (exit 2); one found in a folder is skipped with a notice.
  const named = new Set(paths.map((p) => resolve(cwd, p)));
  return (t: Target) => {
    const shown = shownPath(cwd, t.path);
    const { settings, excluded } = resolver.forFile(t.path);
    if (excluded) {
      // Named on the command line (a pre-commit hook passes file names): skipped like in a folder scan, but said.
      notice(`skipped '${shown}': ${excluded === 'gitignore' ? '.gitignore lists it (--no-gitignore checks it)' : `the "exclude" of ${CONFIG_FILE} lists it`}`);
      return undefined;
    }
    // A name that does not tell the kind: decoded as a Dockerfile (UTF-8) to see whether it is one.
    const source = readSource(t.path, shown, t.language ?? 'dockerfile', named.has(t.path) ? undefined : notice);
    if (!source) return undefined;
    // A named file whose name does not tell its kind: read once, then decided by its first instruction.
    const language = t.language ?? (looksLikeDockerfile(source.text) ? 'dockerfile' : undefined);
    if (!language) {
      throw new CliError(
        `cannot tell what kind of file '${shown}' is: its name does not say and it does not start with FROM, ARG or a parser directive`,
        'pass --language dockerfile or --language python',
      );
    }
    // The engine reads no files: a Dockerfile's neighbours (pyproject.toml, setup.py) tell it whether the standard covers it.
    return { ...t, language, shown, source, settings: language === 'dockerfile' ? { ...settings, siblings: siblingsOf(dirname(t.path)) } : settings };
  };
}

/**
 * The files to check, found one at a time. Before the first is checked: when there is more than one, V8's
 * heap growing factor is lowered; when there is none, that is said.
 */
function* targetsOf(paths: string[], { resolver, cwd, forced }: CheckContext, notice: (text: string) => void): Generator<Target & { more: boolean }> {
  const found = discoverEach(paths, cwd, (path, why = 'it is not a regular file') => notice(`skipped '${shownPath(cwd, path)}': ${why}`), {
    skipsFolder: (dir) => resolver.skipsFolder(dir),
    skipsFile: (path) => resolver.forFile(path).excluded !== undefined,
    forced,
  });
  let next = found.next();
  if (next.done) process.stderr.write(`${TOOL_NAME}: no Dockerfile or Python file found in ${paths.map((p) => `'${p}'`).join(', ')}\n`);
  let first = true;
  while (!next.done) {
    const target = next.value;
    next = found.next();
    // Files are read, checked and dropped one at a time (about 12 MiB of heap stays live at any corpus size),
    // but V8 lets a fast-allocating process's heap grow up to 4x between collections, further the longer it
    // runs, so the peak grew with the corpus. A smaller factor keeps it flat (4x corpus: 171 -> 139 MiB).
    // One file's peak is its own size's: it keeps V8's default, which is ~12% less CPU on a 40,000-stage file.
    if (first && !next.done) setFlagsFromString('--heap-growing-percent=30');
    first = false;
    yield { ...target, more: !next.done };
  }
}

/** `keep` sees each file's report as soon as it is checked, and returns it to keep it (or nothing). */
async function checkPaths(
  paths: string[],
  context: CheckContext,
  keep: (file: FileReport) => FileReport | void = (file) => file,
): Promise<{ files: FileReport[]; writeFailed: boolean }> {
  // Temporary files from before this moment are an earlier run's (see removeStaleTemps).
  const runStarted = Date.now();
  const notice = (text: string) => process.stderr.write(`${TOOL_NAME}: ${oneLine(text)}\n`);
  const open = opener(paths, context, notice);
  const files: FileReport[] = [];
  const keepReport = (file: FileReport) => {
    const kept = keep(file);
    if (kept) files.push(kept);
  };
  if (context.options.fixMode === 'none') {
    await checkEach(targetsOf(paths, context, notice), open, keepReport, context);
    return { files, writeFailed: false };
  }
  const writeFailed = await checkAndFix([...targetsOf(paths, context, notice)], paths, open, keepReport, context, runStarted, notice);
  return { files, writeFailed };
}

/**
 * Checks each file as discovery finds it, and hands its report to `keep` in discovery order: on this
 * thread, or in worker threads (`--jobs`, pool.ts) once the run is long enough to pay for them.
 */
async function checkEach(
  targets: Iterable<Target & { more: boolean }>,
  open: (t: Target) => Input | undefined,
  keep: (file: FileReport) => void,
  { options, maxAge, cwd, jobs }: CheckContext,
): Promise<void> {
  const threads = jobs === 'auto' ? availableParallelism() : jobs;
  const settingsSeen: Settings[] = [];
  let pool: CheckPool | undefined;
  const inOrder = new InOrder<FileReport>(threads * WINDOW_PER_WORKER, keep);
  let checking = 0;
  try {
    for (const target of targets) {
      let input: Input | undefined;
      try {
        input = open(target);
      } catch (e) {
        // Stops where one thread would: after the reports of every file before this one.
        await inOrder.drain();
        throw e;
      }
      if (!input) continue;
      if (maxAge !== undefined) settingsSeen.push(input.settings);
      // The main thread is one of the threads: it checks a file itself whenever every worker has its hands full.
      if (!pool && threads > 1 && target.more && (jobs !== 'auto' || checking >= AUTO_START_MS)) pool = new CheckPool(threads - 1);
      const done = input;
      if (pool?.hasRoom()) {
        await inOrder.add(pool.check(done.source.text, done.language, done.settings, options, done.shown).then((result) => fileReport(done, result)));
        continue;
      }
      const started = performance.now();
      const checked = checkText(done.source, done.language, done.settings, options, done.shown).then(({ source: _source, ...result }) =>
        fileReport(done, result),
      );
      if (!pool) {
        keep(await checked);
        checking += performance.now() - started;
        continue;
      }
      await inOrder.add(checked);
      // Lets the workers' answers in, so each gets its next file before this thread takes another.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await inOrder.drain();
  } finally {
    await pool?.close();
  }
  if (maxAge !== undefined) warnStaleLocks(settingsSeen, maxAge, cwd);
}

/**
 * --fix: reads everything and resolves every setting first, so a bad file or profile stops the run before
 * anything is written; the texts are dropped and read again one at a time (the stamp is the second read's).
 * Always on this thread: each file is replaced right after its check, under the signal handlers of replace.ts.
 */
async function checkAndFix(
  targets: Target[],
  paths: string[],
  open: (t: Target) => Input | undefined,
  keepReport: (file: FileReport) => void,
  { options, maxAge, cwd }: CheckContext,
  runStarted: number,
  notice: (text: string) => void,
): Promise<boolean> {
  const fixedFiles: string[] = [];
  const notFixed: string[] = [];
  let writeFailed = false;
  const planned = targets.flatMap((t) => {
    const input = open(t);
    return input ? [{ target: t, settings: input.settings, path: input.path }] : [];
  });
  const plannedPaths = planned.map((i) => i.path);
  if (maxAge !== undefined)
    warnStaleLocks(
      planned.map((i) => i.settings),
      maxAge,
      cwd,
    );
  prepareFixWrites(plannedPaths, runStarted, cwd, notice);
  const roots = realRoots(paths, cwd);
  for (const { target } of planned) {
    // Deleted or replaced since the first read: skipped with a notice like any file a scan finds gone.
    let input: Input | undefined;
    try {
      input = open(target);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      notice(`not fixed '${shownPath(cwd, target.path)}': ${e.message}`);
      notFixed.push(shownPath(cwd, target.path));
      continue;
    }
    if (!input) continue;
    let { source, ...result } = await checkText(input.source, input.language, input.settings, options, input.shown);
    if (source !== input.source) {
      const written = replaceFile(input.path, source.bytes, stampFor(input.source)!, roots);
      if (written.ok) fixedFiles.push(input.shown);
      else {
        // Say why, keep going with the other files, and report this one as it was read.
        notice(`not fixed '${input.shown}': ${written.why}`);
        notFixed.push(input.shown);
        writeFailed ||= written.failed;
        if (!existsSync(input.path)) continue;
        ({ source, ...result } = await checkText(input.source, input.language, input.settings, { ...options, fixMode: 'none' }, input.shown));
      }
    }
    keepReport(fileReport(input, result));
  }
  if (notFixed.length) notice(fixSummary(fixedFiles, notFixed));
  return writeFailed;
}

/** The report of one checked file; its text is kept only when a finding quotes it (text and SARIF output). */
function fileReport(input: { path: string; shown: string; language: Language; settings: Settings }, result: CheckResult): FileReport {
  return {
    path: input.path,
    shown: input.shown,
    language: input.language,
    profile: input.settings.profile.id,
    ...result,
    text: result.findings.length ? result.text : '',
  };
}

/** After a --fix run where some files could not be written: what was fixed and what was not, by name. */
function fixSummary(fixed: string[], notFixed: string[]): string {
  const list = (names: string[]) => (names.length ? names.map((n) => `'${n}'`).join(', ') : 'none');
  return `--fix wrote ${plural(fixed.length, 'file')} and left ${plural(notFixed.length, 'file')} unfixed; fixed: ${list(fixed)}; not fixed: ${list(notFixed)}`;
}

/** Before --fix writes: signals remove our temporary files, and those a killed run left are removed. */
function prepareFixWrites(paths: string[], runStarted: number, cwd: string, notice: (text: string) => void): void {
  cleanUpOnSignals();
  const folders = new Set<string>();
  for (const path of paths) {
    try {
      folders.add(dirname(realpathSync(path)));
    } catch {
      // Gone: nothing will be written there.
    }
  }
  for (const folder of folders) {
    for (const stale of removeStaleTemps(folder, runStarted))
      notice(`removed '${shownPath(cwd, stale)}', a temporary file left by an earlier run that was stopped`);
  }
}

/** Real paths of the folders being checked (a named file's folder): --fix writes nowhere else. */
function realRoots(paths: string[], cwd: string): string[] {
  return paths.flatMap((p) => {
    try {
      const real = realpathSync(resolve(cwd, p));
      return [statSync(real).isDirectory() ? real : dirname(real)];
    } catch {
      return [];
    }
  });
}

async function checkStdin({ values, format, options, resolver, cwd, maxAge, forced }: CheckContext): Promise<number> {
  const given = values['stdin-filename'];
  let raw: Buffer;
  try {
    raw = readDescriptorBounded(0, SOURCE_LIMIT);
  } catch (e) {
    throw new CliError(
      `cannot read standard input: ${reason(e)}`,
      e instanceof RefusedFile ? `files over ${megabytes(SOURCE_LIMIT)} are not checked` : 'pipe the file in, e.g. < Dockerfile',
    );
  }
  // The kind: --language, else the name given, else the text (piped Python is never checked as a Dockerfile).
  const byName = given !== undefined ? languageOf(given) : undefined;
  const language = forced ?? byName ?? kindOfText(raw);
  const name = given ?? (language === 'dockerfile' ? 'Dockerfile' : 'stdin.py');
  const path = resolve(cwd, name);
  const { settings } = resolver.forFile(path);
  if (maxAge !== undefined) warnStaleLocks([settings], maxAge, cwd);
  const { source, ...result } = await checkText(decodeSource(raw, name, language), language, settings, options, name);
  const files: FileReport[] = [{ path, shown: name, language, profile: settings.profile.id, ...result }];
  const report = { files, cwd, fixMode: options.fixMode };
  if (options.fixMode === 'none' && (format === 'text' || format === 'concise') && values.output === undefined) {
    // Printed as it is made, as a folder's report is: the whole text of 40,000 findings was 12 MB held twice.
    const writer = textWriter(format, values, (text) => process.stdout.write(text), process.stdout.isTTY === true);
    for (const file of files) writer.add(file);
    writer.end(options.fixMode);
  } else if (options.fixMode === 'none') {
    emit(render(format, report, values, process.stdout.isTTY === true), values.output);
  } else {
    // Standard output carries the fixed text, so the report goes to standard error.
    process.stdout.write(source.bytes);
    const text = render(format, report, values, process.stderr.isTTY === true);
    if (values.output !== undefined) emit(text, values.output);
    else process.stderr.write(text);
  }
  return exitCode(files);
}

function warnStaleLocks(settings: Settings[], maxAge: number, cwd: string): void {
  for (const line of staleLockWarnings(
    settings.map((s) => ({ path: s.lockPath, lock: s.lock })),
    maxAge,
    cwd,
  ))
    process.stderr.write(`${line}\n`);
}

/** A Dockerfile when the text starts like one; else Python (which may declare another encoding, PEP 263). */
function kindOfText(raw: Buffer): Language {
  try {
    return looksLikeDockerfile(EncodedText.decode(raw, 'dockerfile').text) ? 'dockerfile' : 'python';
  } catch {
    return 'python';
  }
}

function render(format: Format, report: CheckReport, values: Values, isTTY: boolean): string {
  if (format === 'json') return formatJson(report);
  if (format === 'sarif') return formatSarif(report, allRules(), { name: TOOL_NAME, version: TOOL_VERSION, repository: repositoryUrl() });
  let out = '';
  const writer = textWriter(format, values, (text) => (out += text), isTTY);
  for (const file of report.files) writer.add(file);
  writer.end(report.fixMode);
  return out;
}

function textWriter(format: Format, values: Values, write: (text: string) => void, isTTY: boolean): TextReportWriter {
  const color = values.output === undefined && wantColor({ color: values.color, noColor: values['no-color'] }, process.env, isTTY);
  return new TextReportWriter(write, color ? COLORS : PLAIN, values.quiet === true, ruleDocsUrl, format === 'concise');
}

function exitCode(files: FileReport[]): number {
  return files.some((f) => f.fails) ? 1 : 0;
}

// ---- rules and profiles --------------------------------------------------------------------------

function listRules(values: Values, rest: string[]): number {
  if (rest.length) throw new CliError(`'rules' takes no arguments (got '${rest[0]}')`, `run '${TOOL_NAME} rules'`);
  const format = choice(values.format, 'text', ['text', 'json', 'markdown'] as const, '--format');
  const rules = allRules();
  const out = format === 'json' ? JSON.stringify(rules, null, 2) + '\n' : format === 'markdown' ? rulesMarkdown(rules) : rulesText(rules);
  emit(out, values.output);
  return 0;
}

/** Lists the built-in profiles; given profile files, validates them (exit 2 at the first broken one). */
function listProfiles(values: Values, files: string[]): number {
  const format = choice(values.format, 'text', ['text', 'json'] as const, '--format');
  const cwd = process.cwd();
  const entries = files.length
    ? files.map((file) => {
        const profile = new SettingsResolver({ cwd, profile: file, rules: {}, buildArgs: {}, useConfig: false }).forFile(join(cwd, 'Dockerfile')).settings
          .profile;
        return { source: file, profile, validated: true };
      })
    : Object.entries(BUILTIN_PROFILES).map(([id, profile]) => ({ source: `built in (--profile ${id})`, profile }));
  const out = format === 'json' ? profilesJson(entries) : profilesText(entries);
  emit(out, values.output);
  return 0;
}

stopOnClosedStdout(TOOL_NAME);
main(process.argv.slice(2)).then(
  (code) => exitWhenWritten(code),
  (e: unknown) => {
    if (e instanceof CliError) process.stderr.write(`${TOOL_NAME}: ${visible(oneLine(e.message))}\n`);
    else
      process.stderr.write(`${TOOL_NAME}: unexpected error: ${oneLine((e as Error)?.stack?.split('\n')[0] ?? String(e))}; this is a bug, please report it\n`);
    process.exitCode = 2;
  },
);

/**
 * Exits as soon as standard output and error have taken everything written. Waiting for the event loop to
 * drain instead let V8 finish a garbage collection of the whole heap first (about 0.2 s of CPU after a
 * 40,000-stage check). The empty writes call back once the writes queued before them are flushed, so a
 * pipe that is still draining (asynchronous on macOS) is not cut short.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  let pending = 2;
  // A failed write (standard output closed early) leaves the exit to its error handler, or to the event loop.
  const done = (error?: Error | null) => {
    if (!error && --pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
