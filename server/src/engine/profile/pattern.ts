import type { RE2JS as RE2JSType } from 're2js' with { 'resolution-mode': 'import' };
import { dict } from '../dict';

// re2js declares its types as an ES module; its CommonJS build is what this CommonJS code loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RE2JS } = require('re2js') as { RE2JS: typeof RE2JSType };

/**
 * Patterns from a profile (tag patterns, stage names) run on RE2 (re2js, pure JavaScript): matching
 * time grows linearly with the text, whatever the pattern. A profile may come from an untrusted
 * repository, and a backtracking engine lets `^(a+)+$` take minutes on a 30-character tag. RE2 has
 * no lookaround and no backreferences; a profile using them is refused when it is loaded.
 */
export interface ProfilePattern {
  /** Named groups of the first match, or `undefined` when the pattern does not match. */
  exec(text: string): Record<string, string> | undefined;
  test(text: string): boolean;
}

/**
 * Linear time is not enough when the pattern itself is huge: `[\s\S]{1000}` written 128 times compiles
 * to 128,000 instructions (1.8 s and 20 MB each, and re2js allows 3.3 million). Real tag patterns are
 * under 140 characters and 60 instructions; these limits leave them far room and bound the cost of a
 * hostile profile's patterns.
 */
export const MAX_PATTERN_LENGTH = 256;
export const MAX_PATTERN_INSTRUCTIONS = 1000;

/** Compiles a pattern; throws an Error whose message says what RE2 refused. */
export function compilePattern(source: string, ignoreCase = false): ProfilePattern {
  if (source.length > MAX_PATTERN_LENGTH) throw new Error(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const re = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  // The compiled program's size (re2js keeps it on the compiled RE2; unchecked if a later version hides it).
  const size = (re as unknown as { re2Input?: { prog?: { numInst?(): number } } }).re2Input?.prog?.numInst?.();
  if (size !== undefined && size > MAX_PATTERN_INSTRUCTIONS)
    throw new Error(`pattern too large: it compiles to more than ${MAX_PATTERN_INSTRUCTIONS} instructions`);
  const names = Object.keys(re.namedGroups());
  const literal = literalMatcher(source, ignoreCase);
  return {
    exec(text) {
      const m = re.matcher(text);
      if (!m.find()) return undefined;
      const groups = dict<string>();
      for (const name of names) {
        const value = m.group(name);
        if (value !== null) groups[name] = value;
      }
      return groups;
    },
    test: literal ? (text) => literal(text) ?? re.matcher(text).find() : (text) => re.matcher(text).find(),
  };
}

/**
 * Most profile patterns are plain words, maybe anchored (`build`, `^dev`). re2js takes microseconds to
 * start a match, which a file with 40,000 stage names pays for each; for these patterns on ASCII text a
 * string comparison gives RE2's answer. Other patterns and texts (where case folding reaches beyond ASCII,
 * e.g. the Kelvin sign matches `k`) get `undefined` and go to RE2.
 */
function literalMatcher(source: string, ignoreCase: boolean): ((text: string) => boolean | undefined) | undefined {
  const start = source.startsWith('^');
  const end = source.endsWith('$') && source.length > (start ? 1 : 0);
  const word = source.slice(start ? 1 : 0, end ? -1 : undefined);
  if (!word || !isPlainWord(word)) return undefined;
  const wanted = ignoreCase ? word.toLowerCase() : word;
  return (text) => {
    if (!isAscii(text)) return undefined;
    const t = ignoreCase ? text.toLowerCase() : text;
    if (start && end) return t === wanted;
    if (start) return t.startsWith(wanted);
    if (end) return t.endsWith(wanted);
    return t.includes(wanted);
  };
}

/** Letters, digits, `_` and `-`: characters that stand for themselves in a pattern. */
function isPlainWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum && c !== 95 && c !== 45) return false;
  }
  return true;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Why `source` is not a pattern we run, or `undefined` when it is one. */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (e) {
    // re2js says e.g. "error parsing regexp: invalid or unsupported Perl syntax: `(?=`". Keep the kind of
    // problem and drop the quoted piece: a profile may lie outside the project, and messages quote no file.
    return String((e as Error).message ?? e)
      .replace(/^error parsing regexp: /, '')
      .replace(/:\s*`[\s\S]*$/, '');
  }
}
