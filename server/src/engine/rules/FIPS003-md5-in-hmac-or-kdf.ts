import type { PythonContext } from '../python/context';
import { rangeOf, retarget } from '../python/edits';
import { defineRule } from '../rule';

export default defineRule<PythonContext>({
  meta: {
    code: 'FIPS003',
    name: 'md5-in-hmac-or-kdf',
    language: 'python',
    severity: 'error',
    summary: 'HMAC and key derivation with MD5 fail in FIPS mode, and usedforsecurity=False cannot help.',
    fixes: ['unsafe'],
    equivalents: { ruff: ['S324'], bandit: ['B324'] },
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
