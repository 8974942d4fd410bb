import { own } from '../dict';
import { argument } from '../python/calls';
import { rangeOf, retarget } from '../python/edits';
import { namesMd5 } from '../python/hashing';
import type { Node } from '../python/parser';
import { definePythonRule } from '../python/rule';
import type { Symbols } from '../python/symbols';

/** Where HMAC and key-derivation APIs take their digest: position and keyword. */
const DIGEST_PARAMETERS: Record<string, [number, string]> = {
  'hmac.new': [2, 'digestmod'],
  'hmac.HMAC': [2, 'digestmod'],
  'hmac.digest': [2, 'digest'],
  'hashlib.pbkdf2_hmac': [0, 'hash_name'],
  'hashlib.file_digest': [1, 'digest'],
};

/**
 * ## What it checks
 *
 * MD5 given to an API that takes no `usedforsecurity` flag, so the [FIPS001](FIPS001.md) fix cannot
 * help and the call raises `ValueError` in FIPS mode:
 *
 * - `hmac.new(key, msg, hashlib.md5)`, `hmac.new(..., digestmod="md5")`, `hmac.HMAC(...)`;
 * - `hmac.digest(key, msg, "md5")`;
 * - `hashlib.pbkdf2_hmac("md5", ...)`;
 * - `hashlib.file_digest(f, "md5")`.
 *
 * The digest may be `hashlib.md5`, an alias of it (`from hashlib import md5`), or the string `"md5"` in
 * any letter case, positional or by keyword.
 *
 * ## Why
 *
 * These APIs fetch the digest themselves and accept no `usedforsecurity` flag, so there is no
 * FIPS-mode-safe way to keep MD5 in them: the call raises `ValueError` on every FIPS host.
 *
 * ## Examples
 *
 * ```python fails gen3
 * import hashlib
 * import hmac
 * mac = hmac.new(key, body, hashlib.md5)
 * ```
 *
 * ```python passes gen3
 * import hashlib
 * import hmac
 * mac = hmac.new(key, body, hashlib.sha256)
 * ```
 *
 * ## Fix
 *
 * **Use SHA-256 instead** (`hashlib.sha256` or `"sha256"`). It changes the result, so whatever verifies
 * it must change too: never applied by `--fix`.
 */
export default definePythonRule({
  meta: {
    code: 'FIPS003',
    name: 'md5-in-hmac-or-kdf',
    language: 'python',
    severity: 'error',
    summary: 'HMAC and key derivation with MD5 fail in FIPS mode, and usedforsecurity=False cannot help.',
    fixes: ['unsafe'],
    equivalents: { ruff: ['S324'], bandit: ['B324'] },
    profileFields: ['fips'],
  },
  appliesTo: (profile) => profile.fips,
  imports: ['hashlib', 'hmac'],
  viaImport: true,
  visit: {
    call(call, { source, symbols }, report) {
      const use = keyedMd5(call, symbols);
      if (!use) return;
      const edits = retarget(source, use.argument, symbols, 'sha256');
      report({
        range: rangeOf(source, use.argument),
        message: `${use.api}() with MD5 raises ValueError in FIPS mode and takes no usedforsecurity flag.`,
        fixes: edits ? [{ title: 'Use SHA-256 instead (changes the result)', edits, applicability: 'unsafe' }] : [],
      });
    },
  },
});

/** MD5 given to an API where `usedforsecurity` cannot help (HMAC, key derivation): the API and the argument naming MD5. */
export function keyedMd5(call: Node, symbols: Symbols): { api: string; argument: Node } | undefined {
  const callee = call.childForFieldName('function');
  const api = callee && symbols.qualifiedName(callee);
  if (!api || !own(DIGEST_PARAMETERS, api)) return undefined;
  const [position, keyword] = DIGEST_PARAMETERS[api];
  const digest = argument(call, position, keyword);
  return digest && namesMd5(digest, symbols) ? { api, argument: digest } : undefined;
}
