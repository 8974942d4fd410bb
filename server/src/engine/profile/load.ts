import gen3 from '../../../../profiles/gen3.json';
import defra from '../../../../profiles/defra.json';
import { patternProblem } from './pattern';
import type { Profile } from './schema';

export const BUILTIN_PROFILES: Record<string, Profile> = {
  gen3: gen3 as unknown as Profile,
  defra: defra as unknown as Profile,
};

/** The profile when neither the command line, the editor nor a config names one. */
export const DEFAULT_PROFILE = 'gen3';

export class ProfileError extends Error {}

/** Built-in profile by id; `undefined` when the id names none. */
export function builtinProfile(id: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PROFILES, id) ? BUILTIN_PROFILES[id] : undefined;
}

/**
 * Parses and checks a profile file's text. Errors name the JSON path and what is expected, so a
 * platform team writing its own profile can fix it without reading our code.
 */
export function parseProfile(text: string, source = 'profile'): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const problems = validateProfile(data);
  if (problems.length) throw new ProfileError(`${source} is not a valid profile: ${problems.slice(0, 3).join('; ')}`);
  return data as Profile;
}

/** Distinct patterns (tag patterns, stage names) a profile may hold; the built-in ones hold fewer than 20. */
export const MAX_PATTERNS = 256;

export function validateProfile(data: unknown): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, message: string) => {
    if (!cond) problems.push(message);
  };
  const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  /** Patterns run on RE2 (linear time): one it cannot run is refused here, with RE2's reason. */
  // Each pattern is compiled once; after the first refused one or the MAX_PATTERNS-th, none is compiled (the
  // profile is refused anyway), so a hostile profile with thousands of patterns costs one refusal, not minutes.
  const verdicts = new Map<string, string | undefined>();
  let refused = false;
  const regexProblem = (v: unknown) => {
    if (!isStr(v)) return undefined;
    if (verdicts.has(v)) return verdicts.get(v);
    if (refused) return undefined;
    const why = verdicts.size >= MAX_PATTERNS ? `a profile holds at most ${MAX_PATTERNS} patterns` : patternProblem(v);
    refused ||= why !== undefined;
    verdicts.set(v, why);
    return why;
  };
  const isRegex = (v: unknown) => isStr(v) && regexProblem(v) === undefined;
  const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
  const optionalList = (v: unknown, at: string) => need(v === undefined || Array.isArray(v), `${at} must be a list`);

  if (!isObj(data)) return ['the top level must be an object'];
  need(isStr(data.id), '"id" must be a non-empty string');
  need(isStr(data.title), '"title" must be a non-empty string');
  need(typeof data.fips === 'boolean', '"fips" must be true or false');
  const user = data.user;
  need(isObj(user) && isStr(user.name) && isStr(user.group) && Number.isInteger(user.uid) && Number.isInteger(user.gid) && typeof user.requireExplicit === 'boolean',
    '"user" must have name, group, uid, gid and requireExplicit');
  need(isObj(data.python) && Array.isArray(data.python.supported) && data.python.supported.every(isStr), '"python.supported" must be a list of versions like "3.13"');
  need(!isObj(user) || user.require === undefined || user.require === 'named' || user.require === 'non-root', '"user.require" must be "named" or "non-root"');
  const scope = data.scope;
  need(scope === undefined || (isObj(scope) && ['python-applications', 'all-images'].includes(scope.covers) && isStr(scope.description)),
    '"scope" needs "covers" ("python-applications" or "all-images") and a "description"');
  const facts = data.data;
  need(facts === undefined || (isObj(facts) && typeof facts.checked === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(facts.checked) && isObj(facts.sources) && Object.values(facts.sources).every(isStr)),
    '"data" needs "checked" (YYYY-MM-DD) and "sources" (key → citation)');
  // Every fact's `source` names a key of data.sources, so `profiles` can always print the citation.
  const known = isObj(facts) && isObj(facts.sources) ? facts.sources : {};
  const cites = (v: unknown, at: string) => need(v === undefined || (isStr(v) && Object.prototype.hasOwnProperty.call(known, v)), `${at}.source must be a key of data.sources`);
  if (isObj(user)) cites(user.source, 'user');
  if (isObj(data.python)) cites(data.python.source, 'python');
  if (isObj(scope)) cites(scope.source, 'scope');
  list(data.retired).forEach((r, i) => isObj(r) && cites(r.source, `retired[${i}]`));
  list(data.repositories).forEach((repo, i) => {
    if (!isObj(repo)) return;
    cites(repo.source, `repositories[${i}]`);
    list(repo.tags).forEach((t, j) => isObj(t) && cites(t.source, `repositories[${i}].tags[${j}]`));
  });

  const rec = data.recommendations;
  need(isObj(rec) && isStr(rec.default), '"recommendations.default" must name an image');
  if (isObj(rec)) {
    optionalList(rec.stages, 'recommendations.stages');
    list(rec.stages).forEach((s, i) => {
      need(isObj(s) && isRegex(s.stageName) && isStr(s.image), `recommendations.stages[${i}] needs a valid "stageName" regular expression and an "image"`);
    });
  }

  optionalList(data.retired, 'retired');
  list(data.retired).forEach((r, i) => {
    need(isObj(r) && isStr(r.name) && isStr(r.note) && isStr(r.replacement), `retired[${i}] needs a name, a note and a replacement`);
  });

  if (data.stages !== undefined) {
    const st = data.stages;
    const roles = ['base', 'production', 'development'];
    need(isObj(st) && Array.isArray(st.productionNames) && st.productionNames.every(isStr), 'stages.productionNames must be a list of stage names');
    need(isObj(st) && Array.isArray(st.forbiddenInProduction) && st.forbiddenInProduction.every((r: unknown) => roles.includes(r as string)),
      'stages.forbiddenInProduction must list repository roles (base, production, development)');
    need(!isObj(st) || st.expected === undefined || (Array.isArray(st.expected) && st.expected.every(isStr)), 'stages.expected must be a list of stage names');
  }

  if (!Array.isArray(data.repositories) || data.repositories.length === 0) {
    problems.push('"repositories" must be a non-empty list');
    return problems;
  }
  data.repositories.forEach((repo: any, i: number) => {
    const at = `repositories[${i}]`;
    need(isObj(repo) && isStr(repo.name), `${at}.name must be a non-empty string`);
    if (!isObj(repo)) return;
    need(['base', 'production', 'development'].includes(repo.role), `${at}.role must be base, production or development`);
    need(isStr(repo.description), `${at}.description must be a non-empty string`);
    need(Array.isArray(repo.tags), `${at}.tags must be a list`);
    optionalList(repo.mirrors, `${at}.mirrors`);
    list(repo.mirrors).forEach((m, j) => need(isObj(m) && isStr(m.name) && isStr(m.note), `${at}.mirrors[${j}] needs a name and a note`));
    list(repo.tags).forEach((tag, j) => {
      need(isObj(tag) && isStr(tag.name) && ['stable', 'deprecated', 'floating', 'rejected'].includes(tag.status) && isStr(tag.user),
        `${at}.tags[${j}] needs a name, a user and a status of stable, deprecated, floating or rejected`);
      need(isObj(tag) && isStr(tag.from) && isStr(tag.contains), `${at}.tags[${j}] needs "from" and "contains"`);
    });
    optionalList(repo.tagPatterns, `${at}.tagPatterns`);
    list(repo.tagPatterns).forEach((p, j) => {
      const pat = `${at}.tagPatterns[${j}]`;
      const why = isObj(p) ? regexProblem(p.regex) : undefined;
      need(isObj(p) && isRegex(p.regex), `${pat}.regex must be a regular expression in RE2 syntax (no lookaround or backreferences)${why ? `: ${why}` : ''}`);
      need(isObj(p) && ['feature-branch', 'release', 'floating'].includes(p.kind), `${pat}.kind must be feature-branch, release or floating`);
      need(isObj(p) && isStr(p.pattern) && isStr(p.user) && isStr(p.description) && Array.isArray(p.examples),
        `${pat} needs "pattern", "user", "description" and "examples"`);
    });
  });
  return problems;
}
