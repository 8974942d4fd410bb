import { own } from '../dict';
import { patternProblem } from './pattern';
import type { Profile } from './schema';
import validateShape from './validate.generated';

/** What Ajv's standalone validator reports (the subset read here). */
interface ShapeError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

interface ShapeValidator {
  (data: unknown): boolean;
  errors?: ShapeError[] | null;
}

/** Distinct patterns (tag patterns, stage names) a profile may hold; the built-in ones hold fewer than 20. */
export const MAX_PATTERNS = 256;

const TYPES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * Problems with a profile, each naming the JSON path (`repositories[0].tags[2].user`) and what is
 * expected there. The shape is checked by the validator generated from profiles/profile.schema.json;
 * what a schema cannot say (patterns RE2 can run, sources that exist) is checked after it.
 */
export function validateProfile(data: unknown): string[] {
  const validate = validateShape as unknown as ShapeValidator;
  if (!validate(data)) return [...new Set((validate.errors ?? []).map(describe))];
  return crossChecks(data as Profile);
}

function describe(e: ShapeError): string {
  const at = pathOf(e.instancePath);
  const here = at || 'the profile';
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `${here} needs ${JSON.stringify(p.missingProperty)}`;
    case 'additionalProperties':
      return `${join(at, String(p.additionalProperty))} is not a property the profile schema knows`;
    case 'type':
      return `${here} must be ${TYPES[String(p.type)] ?? String(p.type)}`;
    case 'enum':
      return `${here} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minLength':
      return p.limit === 1 ? `${here} must be a non-empty string` : `${here} must be at least ${p.limit} characters long`;
    case 'minItems':
      return p.limit === 1 ? `${here} must be a non-empty list` : `${here} must list at least ${p.limit} items`;
    case 'minimum':
      return `${here} must be ${p.limit} or more`;
    case 'pattern':
      return `${here} must match the pattern ${p.pattern}`;
    default:
      return `${here} ${e.message ?? 'is not valid'}`;
  }
}

/** `/repositories/0/tags/2` → `repositories[0].tags[2]`. */
function pathOf(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${out ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`;
  }
  return out;
}

function join(at: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (at ? `${at}.${key}` : key) : `${at}[${JSON.stringify(key)}]`;
}

/** Checks across fields that JSON Schema cannot express. */
function crossChecks(profile: Profile): string[] {
  const problems: string[] = [];
  // Patterns run on RE2 (linear time): one it cannot run is refused here, with RE2's reason. Each is
  // compiled once; after the first refused one or the MAX_PATTERNS-th, none is compiled (the profile is
  // refused anyway), so a hostile profile with thousands of patterns costs one refusal, not minutes.
  const verdicts = new Map<string, string | undefined>();
  let refused = false;
  const regex = (source: string, at: string) => {
    let why = verdicts.get(source);
    if (!verdicts.has(source)) {
      if (refused) return;
      why = verdicts.size >= MAX_PATTERNS ? `a profile holds at most ${MAX_PATTERNS} patterns` : patternProblem(source);
      refused ||= why !== undefined;
      verdicts.set(source, why);
    }
    if (why !== undefined) problems.push(`${at} must be a regular expression in RE2 syntax (no lookaround or backreferences): ${why}`);
  };
  profile.recommendations.stages?.forEach((s, i) => regex(s.stageName, `recommendations.stages[${i}].stageName`));
  profile.repositories.forEach((r, i) => r.tagPatterns?.forEach((p, j) => regex(p.regex, `repositories[${i}].tagPatterns[${j}].regex`)));

  // Every fact's `source` names a key of data.sources, so `profiles` can always print the citation.
  const sources = profile.data?.sources ?? {};
  const cites = (source: string | undefined, at: string) => {
    if (source !== undefined && own(sources, source) === undefined) problems.push(`${at}.source must be a key of data.sources`);
  };
  cites(profile.user.source, 'user');
  cites(profile.python.source, 'python');
  cites(profile.scope?.source, 'scope');
  profile.retired?.forEach((r, i) => cites(r.source, `retired[${i}]`));
  profile.repositories.forEach((r, i) => {
    cites(r.source, `repositories[${i}]`);
    r.tags.forEach((t, j) => cites(t.source, `repositories[${i}].tags[${j}]`));
  });
  return problems;
}
