import gen3 from '../../../../profiles/gen3.json';
import defra from '../../../../profiles/defra.json';
import type { Profile } from './schema';

export const BUILTIN_PROFILES: Record<string, Profile> = {
  gen3: gen3 as unknown as Profile,
  defra: defra as unknown as Profile,
};

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

export function validateProfile(data: unknown): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, message: string) => {
    if (!cond) problems.push(message);
  };
  const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isStr = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (!isObj(data)) return ['the top level must be an object'];
  need(isStr(data.id), '"id" must be a non-empty string');
  need(isStr(data.title), '"title" must be a non-empty string');
  need(typeof data.fips === 'boolean', '"fips" must be true or false');
  const user = data.user;
  need(isObj(user) && isStr(user.name) && isStr(user.group) && Number.isInteger(user.uid) && Number.isInteger(user.gid) && typeof user.requireExplicit === 'boolean',
    '"user" must have name, group, uid, gid and requireExplicit');
  need(isObj(data.python) && Array.isArray(data.python.supported) && data.python.supported.every(isStr), '"python.supported" must be a list of versions like "3.13"');
  need(isObj(data.recommendations) && isStr(data.recommendations.default), '"recommendations.default" must name an image');
  if (!Array.isArray(data.repositories) || data.repositories.length === 0) {
    problems.push('"repositories" must be a non-empty list');
    return problems;
  }
  data.repositories.forEach((repo: any, i: number) => {
    const at = `repositories[${i}]`;
    need(isObj(repo) && isStr(repo.name), `${at}.name must be a non-empty string`);
    if (!isObj(repo)) return;
    need(['base', 'production', 'development'].includes(repo.role), `${at}.role must be base, production or development`);
    need(Array.isArray(repo.tags), `${at}.tags must be a list`);
    (Array.isArray(repo.tags) ? repo.tags : []).forEach((tag: any, j: number) => {
      need(isObj(tag) && isStr(tag.name) && ['stable', 'deprecated', 'floating', 'rejected'].includes(tag.status) && isStr(tag.user),
        `${at}.tags[${j}] needs a name, a user and a status of stable, deprecated, floating or rejected`);
    });
    (Array.isArray(repo.tagPatterns) ? repo.tagPatterns : []).forEach((p: any, j: number) => {
      let ok = isObj(p) && isStr(p.regex);
      if (ok) {
        try {
          new RegExp(p.regex);
        } catch {
          ok = false;
        }
      }
      need(ok, `${at}.tagPatterns[${j}].regex must be a valid regular expression`);
      need(isObj(p) && ['feature-branch', 'release', 'floating'].includes(p.kind), `${at}.tagPatterns[${j}].kind must be feature-branch, release or floating`);
    });
  });
  return problems;
}
