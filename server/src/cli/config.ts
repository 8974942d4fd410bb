import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allRules, ruleCodeOf, BUILTIN_PROFILES, builtinProfile, parseProfile, ProfileError, LockError, type CatalogLock, type Profile, type RuleSetting } from '../engine';
import { lockPathIn, readLock } from '../catalog/lockFile';
import { CliError, oneLine, reason } from './errors';
import { suggestion } from './suggest';
import { shownPath } from './paths';

/** Per-folder settings, so one run can check a Gen3 service and a Defra service side by side. */
export const CONFIG_FILE = '.container-standards.json';

const SETTINGS = ['off', 'error', 'warning', 'info'];
const DEFAULT_PROFILE = 'gen3';

export interface Settings {
  profile: Profile;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  /** Where the tag catalog lock for this profile is (or would be written by `catalog sync`). */
  lockPath: string;
  /** The tag catalog lock, when there is one. */
  lock?: CatalogLock;
}

interface ConfigFile {
  path: string;
  profile?: Profile;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
}

export interface CommandLineSettings {
  cwd: string;
  /** `--profile`: a built-in id or a path; wins over config files. */
  profile?: string;
  /** `--select`: when given, every rule it does not name is off. */
  select?: string[];
  /** `--rule`, already checked; wins over config files. */
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  useConfig: boolean;
}


export function profileIds(): string {
  return Object.keys(BUILTIN_PROFILES).join(', ');
}

/** Every rule code and name, for "did you mean". */
function ruleWords(): string[] {
  return allRules().flatMap((r) => [r.code, r.name]);
}

/** `CODE=setting` from `--rule`, or a config file's `"CODE": "setting"`. */
export function parseRuleSetting(word: string, setting: string, where: string): [string, RuleSetting] {
  const code = ruleCodeOf(word);
  if (!code) throw new CliError(`unknown rule '${word}' in ${where}`, `${suggestion(word, ruleWords())}run 'container-standards rules' to list the rules`);
  if (!SETTINGS.includes(setting)) throw new CliError(`'${setting}' for ${code} in ${where} is not a setting`, 'use off, error, warning or info');
  return [code, setting as RuleSetting];
}

/** Rules `--select` turns off: those whose code starts with none of the words and whose name is none of them. */
export function unselected(words: string[]): Record<string, RuleSetting> {
  const rules = allRules();
  for (const word of words) {
    const w = word.toLowerCase();
    if (!rules.some((r) => r.code.toLowerCase().startsWith(w) || r.name === w)) {
      throw new CliError(`--select '${word}' matches no rule`, `${suggestion(word, ruleWords())}give codes, code prefixes (IMG) or names; 'container-standards rules' lists them`);
    }
  }
  const off: Record<string, RuleSetting> = {};
  for (const r of rules) {
    const chosen = words.some((word) => r.code.toLowerCase().startsWith(word.toLowerCase()) || r.name === word.toLowerCase());
    if (!chosen) off[r.code] = 'off';
  }
  return off;
}

/** Finds and reads config files and profiles once each, and merges them with the command line per file. */
export class SettingsResolver {
  private readonly configs = new Map<string, ConfigFile | undefined>();
  private readonly profiles = new Map<string, Profile>();
  private readonly locks = new Map<string, CatalogLock | undefined>();
  private readonly profileOverride?: Profile;
  private readonly selected: Record<string, RuleSetting>;

  constructor(private readonly cli: CommandLineSettings) {
    if (cli.profile !== undefined) this.profileOverride = this.resolveProfile(cli.profile, cli.cwd, '--profile');
    this.selected = cli.select ? unselected(cli.select) : {};
  }

  /** Settings for a file in folder `dir` (for `--stdin`, the folder of `--stdin-filename`). */
  forFolder(dir: string): Settings {
    const config = this.cli.useConfig ? this.configFor(dir) : undefined;
    // The lock sits beside the config that chose the profile; a profile chosen on the command line, or none, uses the working folder's.
    const lockPath = lockPathIn(!this.profileOverride && config?.profile ? dirname(config.path) : this.cli.cwd);
    return {
      profile: this.profileOverride ?? config?.profile ?? builtinProfile(DEFAULT_PROFILE)!,
      rules: { ...config?.rules, ...this.selected, ...this.cli.rules },
      buildArgs: { ...config?.buildArgs, ...this.cli.buildArgs },
      lockPath,
      lock: this.lockAt(lockPath),
    };
  }

  private lockAt(path: string): CatalogLock | undefined {
    if (this.locks.has(path)) return this.locks.get(path);
    let lock: CatalogLock | undefined;
    try {
      lock = readLock(path, this.shown(path));
    } catch (e) {
      if (!(e instanceof LockError)) throw e;
      throw new CliError(oneLine(e.message), "run 'container-standards catalog sync' to write it again, or delete it");
    }
    this.locks.set(path, lock);
    return lock;
  }

  private configFor(dir: string): ConfigFile | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    const path = join(dir, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new CliError(`cannot read ${this.shown(path)}: ${reason(e)}`, 'check its permissions, or run with --no-config');
    }
    const parent = dirname(dir);
    const config = text !== undefined ? this.readConfig(path, text) : parent !== dir ? this.configFor(parent) : undefined;
    this.configs.set(dir, config);
    return config;
  }

  private readConfig(path: string, text: string): ConfigFile {
    const shown = this.shown(path);
    const fail = (problem: string): never => {
      throw new CliError(`${shown}: ${problem}`, `fix the file, or run with --no-config to ignore it`);
    };
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return fail(`not valid JSON (${oneLine((e as Error).message)})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('the top level must be an object');
    const { profile, rules = {}, buildArgs = {}, ...rest } = data as Record<string, unknown>;
    const unknown = Object.keys(rest).filter((k) => k !== '$schema');
    if (unknown.length) fail(`unknown setting "${unknown[0]}" (known: profile, rules, buildArgs)`);
    if (profile !== undefined && (typeof profile !== 'string' || !profile)) fail('"profile" must be a built-in profile id or a path to a profile file');
    const isStringMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
    if (!isStringMap(rules)) fail('"rules" must map rule codes to "off", "error", "warning" or "info"');
    if (!isStringMap(buildArgs)) fail('"buildArgs" must map ARG names to string values');
    const config: ConfigFile = { path, rules: {}, buildArgs: buildArgs as Record<string, string> };
    for (const [word, setting] of Object.entries(rules as Record<string, string>)) {
      const [code, value] = parseRuleSetting(word, setting, shown);
      config.rules[code] = value;
    }
    if (typeof profile === 'string') config.profile = this.resolveProfile(profile, dirname(path), shown);
    return config;
  }

  /** A built-in id, or a profile file (relative to `base`). */
  private resolveProfile(ref: string, base: string, where: string): Profile {
    const builtin = builtinProfile(ref);
    if (builtin) return builtin;
    const looksLikePath = /[\\/]/.test(ref) || ref.toLowerCase().endsWith('.json');
    const path = resolve(base, ref);
    if (!looksLikePath && !existsSync(path)) {
      throw new CliError(`unknown profile '${ref}' in ${where}`, `use one of ${profileIds()}, or a path to a profile file`);
    }
    const cached = this.profiles.get(path);
    if (cached) return cached;
    const shown = this.shown(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      throw new CliError(`cannot read profile file '${shown}' (${where}): ${reason(e)}`, missing ? `check the path, or use one of ${profileIds()}` : 'check its permissions');
    }
    let profile: Profile;
    try {
      profile = parseProfile(text.replace(/^\uFEFF/, ''), shown);
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      throw new CliError(oneLine(e.message), 'fix the profile; profiles/profile.schema.json describes the format');
    }
    this.profiles.set(path, profile);
    return profile;
  }

  private shown(path: string): string {
    return shownPath(this.cli.cwd, path);
  }
}
