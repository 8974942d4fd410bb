// Finds and loads project configs and profile files for the CLI and the language server alike. The
// rules of the config live in the engine (engine/config); this module only touches the file system.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import {
  builtinProfile,
  BUILTIN_PROFILES,
  CONFIG_FILE,
  DEFAULT_PROFILE,
  extendProfile,
  isExcluded,
  overridesFor,
  parseConfig,
  parseJson,
  leadingPath,
  validateProfile,
  LockError,
  type CatalogLock,
  type ConfigProblem,
  type Profile,
  type ProfileRef,
  type ProjectConfig,
  type Range,
  type RuleSetting,
  type Scope,
} from '../engine';
import { lockPathIn, readLock } from '../catalog/lockFile';
import { CONFIG_LIMIT, readBounded, utf8Text, whyUnread } from './bounded';

/** Lets a face add its own remedy (a flag on the command line, a setting in the editor). */
export type ProblemHint = 'fix-config' | 'fix-profile' | 'fix-lock' | 'outside-profile' | 'untrusted' | 'unknown-profile';

/** A problem inside a config or profile file, at a position. Never quotes the file. */
export interface FileProblem {
  file: string;
  range: Range;
  message: string;
  severity: 'error' | 'warning';
  hint: ProblemHint;
}

/** A problem with the face's own profile option (`--profile`, `containerStandards.profile`). */
export type OptionProblem =
  { option: 'profile'; ref: string; kind: 'unknown' } | { option: 'profile'; ref: string; kind: 'unreadable'; path: string; why: string };

export type SettingsProblem = FileProblem | OptionProblem;

export function isFileProblem(p: SettingsProblem): p is FileProblem {
  return 'file' in p;
}

/** Where the active profile was chosen. */
export type ProfileSource =
  { kind: 'option' } | { kind: 'config'; file: string; override?: number; extended: boolean } | { kind: 'default'; restricted?: { file: string } };

export interface ResolvedSettings {
  profile: Profile;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  /** Carried for the scope rule (SCP001): whether the image rules apply to this file. */
  scope: Scope;
  source: ProfileSource;
  /** The config that applies, if any. */
  config?: string;
  /** Where the tag catalog lock is (or `catalog sync` would write it): beside the config that chose the profile, else in the base folder. */
  lockPath: string;
  /** The tag catalog lock, when there is one. */
  lock?: CatalogLock;
  /** Names of the files beside the one checked (Dockerfiles only: evidence for the standard's scope). */
  siblings?: readonly string[];
}

export interface FaceOptions {
  /** A built-in id or a profile file; wins over configs. */
  profile?: string;
  /** Where a relative `profile` option starts (the current folder, the workspace folder). */
  profileBase: string;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  useConfig: boolean;
  /** Honour .gitignore files inside the repository (configs may turn it off). */
  gitignore: boolean;
  /** Configs may name profile files outside their repository or workspace. */
  allowOutsideProfile: boolean;
  /** False in an untrusted editor workspace: configs may choose built-in profiles only. */
  trusted: boolean;
  /** Folders where the config lookup stops (workspace folders); a folder holding `.git` stops it too. */
  roots: string[];
  /** Outside any repository and root, the lookup stops here when the file is inside it (the CLI's cwd). */
  fallbackRoot?: string;
}

/** Config path → its last version that loaded without errors. */
export type LastGoodConfigs = Map<string, LoadedConfig>;

interface LoadedConfig {
  path: string;
  dir: string;
  /** The repository or workspace folder holding the config: profile files must stay inside it. */
  root: string;
  config: ProjectConfig;
  profile?: Profile;
  extended: boolean;
  overrideProfiles: Array<Profile | undefined>;
  /** Set when an untrusted workspace kept the config from choosing a profile file. */
  restricted: boolean;
}

export type Resolution =
  { ok: true; settings: ResolvedSettings; excluded?: 'exclude' | 'gitignore'; problems: SettingsProblem[] } | { ok: false; problems: SettingsProblem[] };

const looksLikePath = (ref: string) => /[\\/]/.test(ref) || ref.toLowerCase().endsWith('.json');

export function profileIds(): string {
  return Object.keys(BUILTIN_PROFILES).join(', ');
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function slashed(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Reads each config, profile and .gitignore once per generation. `clear()` starts a new generation
 * (after a settings or file change); configs that were good before are kept, so a config being edited
 * into a broken state leaves checking on its last good settings while its problems are shown.
 */
export class ConfigLoader {
  private readonly configs = new Map<string, { loaded?: LoadedConfig; problems: FileProblem[] } | null>();
  private readonly lookups = new Map<string, string | null>();
  private readonly profiles = new Map<string, { profile?: Profile; problems: FileProblem[]; failure?: string }>();
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly repositories = new Map<string, string | undefined>();
  private readonly locks = new Map<string, { lock?: CatalogLock; problems: FileProblem[] }>();
  private option?: { profile?: Profile; problems: SettingsProblem[] };

  /** `lastGood` may be shared by loaders for different options (the editor's per-folder settings). */
  constructor(
    private options: FaceOptions,
    private readonly lastGood: LastGoodConfigs = new Map(),
  ) {}

  /** The problems of one config file (and of the profiles it names), for showing them in that file. */
  problemsOf(configPath: string): FileProblem[] {
    return this.loadConfig(configPath).problems;
  }

  /** New options or changed files: read everything again, keeping the last good configs. */
  reset(options: FaceOptions = this.options): void {
    this.options = options;
    this.configs.clear();
    this.lookups.clear();
    this.profiles.clear();
    this.gitignores.clear();
    this.repositories.clear();
    this.locks.clear();
    this.option = undefined;
  }

  /** Settings for a file (for `--stdin`, the path given by `--stdin-filename`). */
  resolve(file: string): Resolution {
    const problems: SettingsProblem[] = [];
    const option = this.optionProfile();
    problems.push(...option.problems);
    if (this.options.profile !== undefined && !option.profile) return { ok: false, problems };

    const configPath = this.options.useConfig ? this.configPathFor(dirname(file)) : undefined;
    const state = configPath ? this.loadConfig(configPath) : undefined;
    if (state) problems.push(...state.problems);
    const loaded = state?.loaded ?? (configPath ? this.lastGood.get(configPath) : undefined);
    if (configPath && !loaded) return { ok: false, problems };

    const rules: Record<string, RuleSetting> = Object.create(null);
    const buildArgs: Record<string, string> = Object.create(null);
    let profile = option.profile;
    let source: ProfileSource = option.profile ? { kind: 'option' } : { kind: 'default' };
    let scope: Scope = 'auto';
    let excluded: 'exclude' | 'gitignore' | undefined;
    if (loaded) {
      const { config } = loaded;
      const rel = slashed(relative(loaded.dir, file));
      Object.assign(rules, config.rules);
      Object.assign(buildArgs, config.buildArgs);
      if (config.scope) scope = config.scope;
      if (!profile && loaded.profile) {
        profile = loaded.profile;
        source = { kind: 'config', file: loaded.path, extended: loaded.extended };
      }
      for (const { override, index } of overridesFor(config, rel)) {
        Object.assign(rules, override.rules);
        Object.assign(buildArgs, override.buildArgs);
        if (override.scope) scope = override.scope;
        const p = loaded.overrideProfiles[index];
        if (!option.profile && p) {
          profile = p;
          source = { kind: 'config', file: loaded.path, override: index, extended: false };
        }
      }
      if (!profile && loaded.restricted) source = { kind: 'default', restricted: { file: loaded.path } };
      if (isExcluded(config, rel)) excluded = 'exclude';
    }
    if (!excluded && this.options.gitignore && (loaded?.config.gitignore ?? true) && this.gitignored(file, false)) excluded = 'gitignore';
    Object.assign(rules, this.options.rules);
    Object.assign(buildArgs, this.options.buildArgs);
    const lockPath = lockPathIn(source.kind === 'config' ? dirname(source.file) : this.options.profileBase);
    const lock = this.lockAt(lockPath);
    problems.push(...lock.problems);
    if (lock.problems.length) return { ok: false, problems };
    const settings: ResolvedSettings = {
      profile: profile ?? builtinProfile(DEFAULT_PROFILE)!,
      rules,
      buildArgs,
      scope,
      source,
      config: loaded?.path,
      lockPath,
      lock: lock.lock,
    };
    return { ok: true, settings, excluded, problems };
  }

  private lockAt(path: string): { lock?: CatalogLock; problems: FileProblem[] } {
    let cached = this.locks.get(path);
    if (!cached) {
      try {
        cached = { lock: readLock(path), problems: [] };
      } catch (e) {
        if (!(e instanceof LockError)) throw e;
        const start = { line: 0, character: 0 };
        cached = { problems: [{ file: path, range: { start, end: start }, message: e.message, severity: 'error', hint: 'fix-lock' }] };
      }
      this.locks.set(path, cached);
    }
    return cached;
  }

  /** Whether a folder scan skips this folder: excluded by the config above it, or by .gitignore. */
  skipsFolder(dir: string): boolean {
    if (this.options.useConfig) {
      const configPath = this.configPathFor(dirname(dir));
      const loaded = configPath ? (this.loadConfig(configPath).loaded ?? this.lastGood.get(configPath)) : undefined;
      if (loaded) {
        const rel = slashed(relative(loaded.dir, dir));
        if (rel && isExcluded(loaded.config, `${rel}/`)) return true;
        if (!loaded.config.gitignore) return false;
      }
    }
    return this.options.gitignore && this.gitignored(dir, true);
  }

  /** The config file that applies to files in `dir`: the nearest one, looking no higher than the project root. */
  configPathFor(dir: string): string | undefined {
    const cached = this.lookups.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | null = null;
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) found = candidate;
    else if (!this.isRoot(dir)) {
      const parent = dirname(dir);
      if (parent !== dir) found = this.configPathFor(parent) ?? null;
    }
    this.lookups.set(dir, found);
    return found ?? undefined;
  }

  /** The folder where lookups stop for files in `dir`; a profile named by a config must lie inside it. */
  rootOf(dir: string): string | undefined {
    for (let d = dir; ; d = dirname(d)) {
      if (this.isRoot(d)) return d;
      if (dirname(d) === d) return undefined;
    }
  }

  private isRoot(dir: string): boolean {
    if (this.options.roots.some((r) => resolve(r) === dir)) return true;
    if (existsSync(join(dir, '.git'))) return true;
    const fallback = this.options.fallbackRoot;
    // Outside any repository, a run in a folder does not pick up configs from above it.
    return fallback !== undefined && resolve(fallback) === dir && !this.insideRepository(dir);
  }

  private insideRepository(dir: string): boolean {
    for (let d = dir; ; d = dirname(d)) {
      if (existsSync(join(d, '.git'))) return true;
      if (dirname(d) === d) return false;
    }
  }

  private optionProfile(): { profile?: Profile; problems: SettingsProblem[] } {
    if (this.option) return this.option;
    const ref = this.options.profile;
    if (ref === undefined) return (this.option = { problems: [] });
    const builtin = builtinProfile(ref);
    if (builtin) return (this.option = { profile: builtin, problems: [] });
    const path = resolve(this.options.profileBase, ref);
    if (!looksLikePath(ref) && !existsSync(path)) {
      return (this.option = { problems: [{ option: 'profile', ref, kind: 'unknown' }] });
    }
    const loaded = this.loadProfile(path);
    if (loaded.failure) return (this.option = { problems: [{ option: 'profile', ref, kind: 'unreadable', path, why: loaded.failure }] });
    return (this.option = { profile: loaded.profile, problems: loaded.problems });
  }

  private loadConfig(path: string): { loaded?: LoadedConfig; problems: FileProblem[] } {
    const cached = this.configs.get(path);
    if (cached) return cached;
    const at = (range: Range, message: string, hint: ProblemHint = 'fix-config', severity: 'error' | 'warning' = 'error'): FileProblem => ({
      file: path,
      range,
      message,
      severity,
      hint,
    });
    const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const read = readConfigFile(path);
    let result: { loaded?: LoadedConfig; problems: FileProblem[] };
    const text = read.ok ? utf8Text(read.bytes) : undefined;
    if (!read.ok) result = { problems: [at(start, `the config file cannot be read: ${read.why}`)] };
    else if (text === undefined) result = { problems: [at(start, 'expected UTF-8 text')] };
    else {
      const parsed = parseConfig(text);
      if (!parsed.ok) result = { problems: parsed.problems.map((p: ConfigProblem) => at(p.range, p.message, 'fix-config', p.severity)) };
      else result = this.loadProfiles(path, parsed.config, at);
    }
    if (result.loaded && !result.problems.some((p) => p.severity === 'error')) this.lastGood.set(path, result.loaded);
    else if (result.loaded) result = { problems: result.problems };
    this.configs.set(path, result);
    return result;
  }

  private loadProfiles(
    path: string,
    config: ProjectConfig,
    at: (range: Range, message: string, hint?: ProblemHint, severity?: 'error' | 'warning') => FileProblem,
  ) {
    const dir = dirname(path);
    const root = this.rootOf(dir) ?? dir;
    const problems: FileProblem[] = [];
    let restricted = false;
    const named = (ref: ProfileRef | undefined): Profile | undefined => {
      if (!ref) return undefined;
      const builtin = builtinProfile(ref.ref);
      if (builtin) return builtin;
      const file = resolve(dir, ref.ref);
      if (!looksLikePath(ref.ref) && !existsSync(file)) {
        problems.push(at(ref.range, `expected a built-in profile id (${profileIds()}) or a path to a profile file`, 'unknown-profile'));
        return undefined;
      }
      if (!this.options.trusted) {
        restricted = true;
        problems.push(
          at(ref.range, `a profile file is not read in an untrusted workspace; expected a built-in profile id (${profileIds()})`, 'untrusted', 'warning'),
        );
        return undefined;
      }
      if (!this.options.allowOutsideProfile && !within(realOr(root), realOr(file))) {
        problems.push(at(ref.range, 'expected a profile file inside the repository or workspace that holds this config', 'outside-profile'));
        return undefined;
      }
      const loaded = this.loadProfile(file);
      if (loaded.failure) problems.push(at(ref.range, `the profile file cannot be read: ${loaded.failure}`));
      problems.push(...loaded.problems);
      return loaded.profile;
    };
    let profile = named(config.profile);
    let extended = false;
    if (config.extends) {
      const base = named(config.extends);
      if (base) {
        const result = extendProfile(base, config.add);
        for (const p of result.problems) problems.push(at(config.locate(p.path), p.message));
        profile = result.profile;
        extended = true;
      }
    }
    const overrideProfiles = config.overrides.map((o) => named(o.profile));
    return { loaded: { path, dir, root, config, profile, extended, overrideProfiles, restricted }, problems };
  }

  private loadProfile(path: string): { profile?: Profile; problems: FileProblem[]; failure?: string } {
    const key = realOr(path);
    const cached = this.profiles.get(key);
    if (cached) return cached;
    const read = readConfigFile(path);
    let result: { profile?: Profile; problems: FileProblem[]; failure?: string };
    const problem = (range: Range, message: string): FileProblem => ({ file: path, range, message, severity: 'error', hint: 'fix-profile' });
    const text = read.ok ? utf8Text(read.bytes) : undefined;
    if (!read.ok) result = { problems: [], failure: read.why };
    else if (text === undefined) result = { problems: [], failure: 'it is not UTF-8 text' };
    else {
      const json = parseJson(text);
      if (!json.root) result = { problems: json.problems.map((p) => problem(p.range, p.message)) };
      else {
        const data = json.valueOf(json.root);
        const messages = validateProfile(data);
        result = messages.length
          ? { problems: messages.slice(0, 5).map((m) => problem(json.locate(leadingPath(m)), m)) }
          : { profile: data as Profile, problems: [] };
      }
    }
    this.profiles.set(key, result);
    return result;
  }

  /** Whether .gitignore files between the repository root and `path` ignore it (or a folder above it). */
  private gitignored(path: string, isDir: boolean): boolean {
    const repo = this.repositoryOf(dirname(path));
    if (!repo || path === repo) return false;
    const parts = relative(repo, path).split(sep);
    // Git does not enter an ignored folder, so each level is tested in turn, top down.
    for (let i = 1; i <= parts.length; i++) {
      const levelIsDir = i < parts.length || isDir;
      let ignored = false;
      for (let j = 0; j < i; j++) {
        const folder = join(repo, ...parts.slice(0, j));
        const rules = this.gitignoreIn(folder);
        if (!rules) continue;
        const rel = parts.slice(j, i).join('/') + (levelIsDir ? '/' : '');
        const r = rules.test(rel);
        if (r.ignored) ignored = true;
        else if (r.unignored) ignored = false;
      }
      if (ignored) return true;
    }
    return false;
  }

  /** The repository holding `dir`, looked up once per folder and generation (a scan asks for every file). */
  private repositoryOf(dir: string): string | undefined {
    if (this.repositories.has(dir)) return this.repositories.get(dir);
    let found: string | undefined;
    for (let d = dir; ; d = dirname(d)) {
      if (existsSync(join(d, '.git'))) {
        found = d;
        break;
      }
      if (this.options.roots.some((r) => resolve(r) === d) || dirname(d) === d) break;
    }
    this.repositories.set(dir, found);
    return found;
  }

  private gitignoreIn(folder: string): Ignore | undefined {
    const cached = this.gitignores.get(folder);
    if (cached !== undefined) return cached ?? undefined;
    const read = readConfigFile(join(folder, '.gitignore'));
    const text = read.ok ? utf8Text(read.bytes) : undefined;
    const rules = text !== undefined ? ignore().add(text) : null;
    this.gitignores.set(folder, rules);
    return rules ?? undefined;
  }
}

/** A config, profile or .gitignore: a regular file of at most CONFIG_LIMIT bytes, read once. */
function readConfigFile(path: string): { ok: true; bytes: Buffer } | { ok: false; why: string } {
  try {
    return { ok: true, bytes: readBounded(path, CONFIG_LIMIT) };
  } catch (e) {
    return { ok: false, why: whyUnread(e) };
  }
}
