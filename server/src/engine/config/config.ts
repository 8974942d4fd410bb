import ignore, { type Ignore } from 'ignore';
import type { Node } from 'jsonc-parser';
import { ruleCodeOf, type RuleSetting } from '../lint';
import { BUILTIN_PROFILES, validateProfile } from '../profile/load';
import type { Alias, Profile, Repository, Tag } from '../profile/schema';
import type { Range } from '../types';
import { leadingPath, parseJson, type JsonDocument } from './json';

/**
 * The project configuration (`.container-standards.json`), shared by the CLI and the language server.
 * Pure: text in, settings or problems out. Problems are data (a range and what was expected); each
 * face words them for its reader. Reading files, finding the config and loading profile files is
 * `server/src/node/config.ts`.
 */
export const CONFIG_FILE = '.container-standards.json';
export { DEFAULT_PROFILE } from '../profile/load';

/** Whether the image rules apply: a Python application image, outside the standard, or decided from evidence. */
export type Scope = 'python-app' | 'outside' | 'auto';
export const SCOPES: readonly Scope[] = ['python-app', 'outside', 'auto'];

const builtinIds = () => Object.keys(BUILTIN_PROFILES).join(', ');
const RULE_SETTINGS: readonly string[] = ['off', 'error', 'warning', 'info'];
const KEYS = ['$schema', 'profile', 'extends', 'add', 'rules', 'buildArgs', 'scope', 'exclude', 'gitignore', 'overrides'];
const OVERRIDE_KEYS = ['files', 'profile', 'rules', 'buildArgs', 'scope'];

export interface ConfigProblem {
  range: Range;
  /** What the file should hold there (`expected …`), in words that quote nothing from the file. */
  message: string;
  severity: 'error' | 'warning';
}

/** A profile as the config names it: a built-in id or a path relative to the config's folder. */
export interface ProfileRef {
  ref: string;
  range: Range;
}

/** What `extends` adds to its base profile. */
export interface Additions {
  repositories: Repository[];
  /** Repository name → mirrors of it. */
  mirrors: Record<string, Alias[]>;
  /** Repository name → more tags. */
  tags: Record<string, Tag[]>;
}

export interface Override {
  files: string[];
  profile?: ProfileRef;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  scope?: Scope;
  matcher: Ignore;
}

export interface ProjectConfig {
  /** `profile`, or `extends` (then `add` holds the additions). */
  profile?: ProfileRef;
  extends?: ProfileRef;
  add: Additions;
  rules: Record<string, RuleSetting>;
  buildArgs: Record<string, string>;
  scope?: Scope;
  exclude: string[];
  gitignore: boolean;
  overrides: Override[];
  excluder: Ignore;
  /** Range of a path in the file, for problems found later (e.g. while loading a profile). */
  locate(path: ReadonlyArray<string | number>): Range;
}

export type ParsedConfig = { ok: true; config: ProjectConfig } | { ok: false; problems: ConfigProblem[] };

/** Maps keyed by user text hold no prototype, so `__proto__` or `constructor` is just a name. */
function emptyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function parseConfig(text: string): ParsedConfig {
  const json = parseJson(text);
  if (!json.root) return { ok: false, problems: json.problems.map((p) => ({ ...p, severity: 'error' })) };
  const problems: ConfigProblem[] = [];
  const fail = (node: Node, expected: string, found?: string) =>
    problems.push({ range: json.rangeOf(node), message: `${found ? `${found}; ` : ''}expected ${expected}`, severity: 'error' });
  const root = json.root;
  if (root.type !== 'object') {
    fail(root, 'an object with settings such as "profile", "rules" or "overrides"');
    return { ok: false, problems };
  }

  const config: ProjectConfig = {
    add: { repositories: [], mirrors: emptyMap(), tags: emptyMap() },
    rules: emptyMap(),
    buildArgs: emptyMap(),
    exclude: [],
    gitignore: true,
    overrides: [],
    excluder: ignore(),
    locate: json.locate,
  };
  for (const [key, keyNode, value] of properties(root)) {
    switch (key) {
      case '$schema':
        if (value.type !== 'string') fail(value, 'the address of the JSON schema, as a string');
        break;
      case 'profile':
      case 'extends': {
        const ref = profileRef(value, fail, key === 'extends' ? `a built-in profile id (${builtinIds()}) or a path to a profile file, to add to` : undefined);
        if (ref) config[key] = { ref, range: json.rangeOf(value) };
        break;
      }
      case 'add':
        readAdditions(value, json, fail, config.add);
        break;
      case 'rules':
        readRules(value, fail, config.rules);
        break;
      case 'buildArgs':
        readBuildArgs(value, fail, config.buildArgs);
        break;
      case 'scope':
        config.scope = readScope(value, fail);
        break;
      case 'exclude':
        config.exclude = readGlobs(value, fail, 'a list of paths or glob patterns (.gitignore syntax), relative to this file');
        break;
      case 'gitignore':
        if (value.type === 'boolean') config.gitignore = value.value as boolean;
        else fail(value, 'true or false: whether files that .gitignore lists are skipped');
        break;
      case 'overrides':
        if (value.type !== 'array') fail(value, 'a list of { "files": [...], "profile"?, "rules"?, "buildArgs"?, "scope"? }');
        else
          for (const entry of value.children ?? []) {
            const o = readOverride(entry, json, fail);
            if (o) config.overrides.push(o);
          }
        break;
      default:
        fail(keyNode, `a known setting: ${KEYS.filter((k) => k !== '$schema').join(', ')}`, `unknown setting ${named(key, '"')}`);
    }
  }
  const profileKey = properties(root).find(([k]) => k === 'profile');
  if (config.profile && config.extends && profileKey) fail(profileKey[1], '"profile" or "extends", not both: "extends" names the profile to add to');
  const addKey = properties(root).find(([k]) => k === 'add');
  if (addKey && !config.extends) fail(addKey[1], '"add" only together with "extends", which names the profile it adds to');
  if (problems.length) return { ok: false, problems };
  config.excluder.add(config.exclude);
  return { ok: true, config };
}

function properties(node: Node): Array<[string, Node, Node]> {
  const out: Array<[string, Node, Node]> = [];
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v) out.push([k.value as string, k, v]);
  }
  return out;
}

type Fail = (node: Node, expected: string, found?: string) => void;

/**
 * A key the user wrote, quoted when it is a plain short name (`"profle"`, `'constructor'`); anything
 * else (long, or with control or escape characters) is not repeated: the position says where it is.
 */
function named(key: string, quote: string): string {
  return /^[\w.$-]{1,64}$/.test(key) ? `${quote}${key}${quote}` : '(at this position)';
}

function profileRef(
  value: Node,
  fail: Fail,
  expected = `a built-in profile id (${builtinIds()}) or a path to a profile file, relative to this file`,
): string | undefined {
  if (value.type === 'string' && (value.value as string).trim()) return (value.value as string).trim();
  fail(value, expected);
  return undefined;
}

function readRules(value: Node, fail: Fail, into: Record<string, RuleSetting>): void {
  if (value.type !== 'object') return fail(value, 'an object mapping rule codes or names to "off", "error", "warning" or "info"');
  for (const [word, keyNode, setting] of properties(value)) {
    const code = ruleCodeOf(word);
    if (!code) fail(keyNode, 'a rule code or name (the rule list shows them)', `unknown rule ${named(word, "'")}`);
    else if (setting.type !== 'string' || !RULE_SETTINGS.includes(setting.value as string)) fail(setting, '"off", "error", "warning" or "info"');
    else into[code] = setting.value as RuleSetting;
  }
}

function readBuildArgs(value: Node, fail: Fail, into: Record<string, string>): void {
  if (value.type !== 'object') return fail(value, 'an object mapping ARG names to string values');
  for (const [name, , v] of properties(value)) {
    if (v.type !== 'string') fail(v, 'a string value for the ARG');
    else into[name] = v.value as string;
  }
}

function readScope(value: Node, fail: Fail): Scope | undefined {
  if (value.type === 'string' && (SCOPES as readonly string[]).includes(value.value as string)) return value.value as Scope;
  fail(value, '"python-app" (the image rules apply), "outside" (they do not) or "auto" (decided from what the Dockerfile builds)');
  return undefined;
}

function readGlobs(value: Node, fail: Fail, expected: string): string[] {
  if (value.type !== 'array') {
    fail(value, expected);
    return [];
  }
  const globs: string[] = [];
  for (const item of value.children ?? []) {
    if (item.type !== 'string' || !(item.value as string).trim()) fail(item, 'a non-empty path or glob pattern');
    else globs.push((item.value as string).trim());
  }
  return globs;
}

function readOverride(node: Node, json: JsonDocument, fail: Fail): Override | undefined {
  if (node.type !== 'object') {
    fail(node, 'an object { "files": [...], "profile"?, "rules"?, "buildArgs"?, "scope"? }');
    return undefined;
  }
  const o: Override = { files: [], rules: emptyMap(), buildArgs: emptyMap(), matcher: ignore() };
  let hasFiles = false;
  for (const [key, keyNode, value] of properties(node)) {
    if (key === 'files') {
      hasFiles = true;
      o.files = readGlobs(value, fail, 'a list of paths or glob patterns (.gitignore syntax), relative to this file');
      if (value.type === 'array' && !value.children?.length) fail(value, 'at least one path or glob pattern');
    } else if (key === 'profile') {
      const ref = profileRef(value, fail);
      if (ref) o.profile = { ref, range: json.rangeOf(value) };
    } else if (key === 'rules') readRules(value, fail, o.rules);
    else if (key === 'buildArgs') readBuildArgs(value, fail, o.buildArgs);
    else if (key === 'scope') o.scope = readScope(value, fail);
    else fail(keyNode, `a known override setting: ${OVERRIDE_KEYS.join(', ')}`, `unknown setting ${named(key, '"')}`);
  }
  if (!hasFiles) fail(node, 'a "files" list saying which files the override applies to');
  o.matcher.add(o.files);
  return o;
}

function readAdditions(value: Node, json: JsonDocument, fail: Fail, into: Additions): void {
  if (value.type !== 'object') return fail(value, 'an object with "repositories", "mirrors" and/or "tags" to add');
  for (const [key, keyNode, v] of properties(value)) {
    if (key === 'repositories') {
      if (v.type !== 'array') fail(v, 'a list of repositories, as in a profile file');
      else into.repositories = v.children!.map((c) => json.valueOf(c) as Repository);
    } else if (key === 'mirrors' || key === 'tags') {
      if (v.type !== 'object')
        fail(v, `an object mapping repository names to lists of ${key === 'mirrors' ? 'mirrors ({ "name", "note" })' : 'tags, as in a profile file'}`);
      else
        for (const [repo, , list] of properties(v)) {
          if (list.type !== 'array') fail(list, `a list of ${key}`);
          else (into[key] as Record<string, unknown[]>)[repo] = list.children!.map((c) => json.valueOf(c));
        }
    } else fail(keyNode, '"repositories", "mirrors" or "tags"');
  }
}

export interface ExtendProblem {
  /** Where in the config file the problem is (a JSON path). */
  path: Array<string | number>;
  message: string;
}

/**
 * The base profile with the config's additions: new repositories, and mirrors and tags for any
 * repository. The additions are checked as profile parts, and each problem names the addition.
 */
export function extendProfile(base: Profile, add: Additions): { profile?: Profile; problems: ExtendProblem[] } {
  const problems: ExtendProblem[] = [];
  const all = [...base.repositories, ...add.repositories];
  // validateProfile reports `repositories[i]…`: say where in "add" that is.
  const check = (repositories: Repository[], at: (path: Array<string | number>) => Array<string | number> | undefined) => {
    for (const message of validateProfile({ ...base, repositories })) {
      const path = leadingPath(message);
      const where = path[0] === 'repositories' ? at(path.slice(1)) : undefined;
      if (where)
        problems.push({
          path: where,
          message: `${where
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
            .join('')
            .slice(1)}${message.slice(message.search(/\s/))}`,
        });
    }
  };
  if (add.repositories.length) check(add.repositories, (p) => ['add', 'repositories', ...p]);
  for (const kind of ['mirrors', 'tags'] as const) {
    for (const [name, items] of Object.entries(add[kind])) {
      const repo = all.find((r) => r.name === name);
      if (!repo) {
        problems.push({ path: ['add', kind, name], message: `expected the name of a repository in the profile "${base.id}" or in "add.repositories"` });
        continue;
      }
      const probe = { ...repo, mirrors: kind === 'mirrors' ? items : [], tags: kind === 'tags' ? items : [] } as Repository;
      check([probe], (p) => (p[1] === kind ? ['add', kind, name, ...p.slice(2)] : undefined));
    }
  }
  if (problems.length) return { problems };
  const extended = (r: Repository): Repository => ({
    ...r,
    mirrors: [...(r.mirrors ?? []), ...((add.mirrors[r.name] as Alias[] | undefined) ?? [])],
    tags: [...r.tags, ...((add.tags[r.name] as Tag[] | undefined) ?? [])],
  });
  return { profile: { ...base, repositories: all.map(extended) }, problems };
}

/** A path relative to the config's folder, with forward slashes, as `ignore` and the globs expect. */
export type RelativePath = string;

/** Whether the config's `exclude` globs skip this file. */
export function isExcluded(config: ProjectConfig, path: RelativePath): boolean {
  return path !== '' && !path.startsWith('../') && config.excluder.ignores(path);
}

/** The overrides that apply to a file, in the order the config lists them. */
export function overridesFor(config: ProjectConfig, path: RelativePath): Array<{ override: Override; index: number }> {
  if (path === '' || path.startsWith('../')) return [];
  return config.overrides.flatMap((override, index) => (override.matcher.ignores(path) ? [{ override, index }] : []));
}
