import type { PythonContext } from '../python/context';
import { rangeOf, retarget } from '../python/edits';
import { defineRule } from '../rule';

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
export default defineRule<PythonContext>({
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
  check({ source, uses, symbols }, report) {
    for (const use of uses.keyed) {
      const edits = retarget(source, use.argument, symbols, 'sha256');
      report({
        range: rangeOf(source, use.argument),
        message: `${use.api}() with MD5 raises ValueError when the base image runs in FIPS mode, and ${use.api}() takes no usedforsecurity flag. Use SHA-256; the result changes, so anything that checks it must change too.`,
        fixes: edits ? [{ title: 'Use SHA-256 instead (changes the result)', edits, applicability: 'unsafe' }] : [],
      });
    }
  },
});
