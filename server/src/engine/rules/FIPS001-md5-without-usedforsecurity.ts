import { addKeywordArgument, rangeOf, retarget, setKeywordValue } from '../python/edits';
import { md5Call, type Md5Call } from '../python/hashing';
import { definePythonRule } from '../python/rule';
import type { Symbols } from '../python/symbols';
import type { SourceText } from '../text';
import type { Fix } from '../types';
import { securityEvidence } from './FIPS005-md5-for-security';

const SAFE_FLAG = 'usedforsecurity=False';

/**
 * ## What it checks
 *
 * Reported, wherever hashlib is reached through imports (`import hashlib`, `import hashlib as h`,
 * `from hashlib import md5`, `from hashlib import md5 as m`, `from hashlib import new`):
 *
 * - `hashlib.md5(...)` and `hashlib.new("md5", ...)` (any letter case, positional or `name=`) without
 *   `usedforsecurity=False`, including calls spread over several lines;
 * - `usedforsecurity=True`;
 * - `usedforsecurity=<anything but the constant False>`: a variable cannot be proven `False` (bandit
 *   accepts any value here; ruff and this rule do not);
 * - `**kwargs` with no explicit flag.
 *
 * Some CPython builds fall back to their own MD5 for `hashlib.new("md5")` in FIPS mode instead of
 * raising; it is still reported, because other builds raise and the standard forbids it either way.
 *
 * Not reported: strings and comments that mention `hashlib.md5(`, a local function or variable that
 * happens to be called `md5` (or a parameter called `hashlib`), algorithm names that are not constants,
 * and files that fail to parse elsewhere (the parser recovers and checks the rest).
 *
 * ## Why
 *
 * The Gen3 hardened base image turns on FIPS mode (`update-crypto-policies --set FIPS`). In FIPS mode
 * OpenSSL refuses MD5, so `hashlib.md5(data)` raises `ValueError` at run time — usually first in
 * production. The standard's fix ("Disabled MD5 Fix") is to say the hash is not used for security:
 * `hashlib.md5(data, usedforsecurity=False)`, which CPython then fetches outside the FIPS provider.
 * Defra's images do not run in FIPS mode (`fips: false`), so the Python rules do not run under it.
 *
 * ## Examples
 *
 * ```python fails gen3
 * import hashlib
 * etag = hashlib.md5(body).hexdigest()
 * ```
 *
 * ```python passes gen3
 * import hashlib
 * etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
 * ```
 *
 * ```python passes defra
 * import hashlib
 * etag = hashlib.md5(body).hexdigest()
 * ```
 *
 * ## Fix
 *
 * 1. **Add `usedforsecurity=False`** (preferred, safe: `--fix` applies it). Placed as a person would:
 *    after the last argument on a one-line call (`md5(data,)` keeps one comma); on its own line,
 *    indented like the other arguments, when the call has one argument per line (a trailing comma
 *    style is kept, and a comment after the last argument stays on its line). `usedforsecurity=True`
 *    becomes `False`. Where the call evidently protects something (the cases [FIPS005](FIPS005.md)
 *    reports: a password input, a secret-sounding name), the flag would only trade this finding for
 *    FIPS005, so the fix is unsafe there and `--fix` leaves the call alone.
 * 2. **Use `hashlib.sha256` instead** — for security uses. This changes the digest, so it is never
 *    applied by `--fix` (use `--fix-unsafe` or the editor).
 *
 * For a non-constant flag the rule offers "Set usedforsecurity=False" as an unsafe fix only. When the
 * flag can only come from `**kwargs`, pass `usedforsecurity=False` explicitly (no fix is offered: the
 * caller may already pass it).
 */
export default definePythonRule({
  meta: {
    code: 'FIPS001',
    name: 'md5-without-usedforsecurity',
    language: 'python',
    severity: 'error',
    summary: 'MD5 must be created with usedforsecurity=False, or it raises ValueError in FIPS mode.',
    fixes: ['safe', 'unsafe'],
    equivalents: { ruff: ['S324'], bandit: ['B324'] },
    profileFields: ['fips'],
  },
  appliesTo: (profile) => profile.fips,
  imports: ['hashlib'],
  viaImport: true,
  visit: {
    call(call, { source, symbols }, report) {
      const use = md5Call(call, symbols);
      if (!use || use.flag.kind === 'false') return;
      const { flag } = use;
      const what = use.algorithm ? `hashlib.new(${use.algorithm.text})` : `'${use.callee.text}'`;
      const target = flag.kind === 'true' || flag.kind === 'unknown' ? flag.keyword : (use.algorithm ?? use.callee);
      const fixes: Fix[] = [];
      const flagFix =
        flag.kind === 'missing'
          ? addKeywordArgument(source, use.call, SAFE_FLAG)
          : flag.kind === 'true'
            ? setKeywordValue(source, flag.value, 'False')
            : undefined;
      // Where the hash evidently protects something, the flag trades this finding for FIPS005: not safe.
      const applicability = securityEvidence(use.call) ? 'unsafe' : 'safe';
      if (flagFix)
        fixes.push({ title: `Add ${SAFE_FLAG} (for checksums, cache keys and other non-security uses)`, edits: flagFix, preferred: true, applicability });
      if (flag.kind === 'unknown') {
        fixes.push({ title: `Set ${SAFE_FLAG}`, edits: setKeywordValue(source, flag.value, 'False'), applicability: 'unsafe' });
      }
      const sha = sha256Fix(use, source, symbols);
      if (sha) fixes.push(sha);
      report({ range: rangeOf(source, target), message: message(what, use), fixes });
    },
  },
});

function message(what: string, { flag }: Md5Call): string {
  switch (flag.kind) {
    case 'true':
      return `${what} with usedforsecurity=True raises ValueError in FIPS mode.`;
    case 'unknown':
      return `${what} with usedforsecurity=${flag.value.text}, not provably False, may raise ValueError in FIPS mode.`;
    case 'splat':
      return `${what} with usedforsecurity only from **kwargs may raise ValueError in FIPS mode.`;
    default:
      return `${what} without usedforsecurity=False raises ValueError in FIPS mode.`;
  }
}

function sha256Fix(use: Md5Call, source: SourceText, symbols: Symbols): Fix | undefined {
  const edits = retarget(source, use.algorithm ?? use.callee, symbols, 'sha256');
  return edits && { title: 'Use hashlib.sha256 instead (changes the digest: for security uses)', edits, applicability: 'unsafe' };
}
