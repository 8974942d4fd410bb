import gen3 from '../../../../profiles/gen3.json';
import defra from '../../../../profiles/defra.json';
import type { Profile } from './schema';
import { MAX_PATTERNS, validateProfile } from './validate';

export { MAX_PATTERNS, validateProfile };

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
