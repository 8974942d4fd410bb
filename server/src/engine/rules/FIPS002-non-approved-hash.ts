import type { PythonContext } from '../python/context';
import { rangeOf } from '../python/edits';
import { own } from '../dict';
import { defineRule } from '../rule';

/**
 * What happens to each algorithm in FIPS mode. CPython's hashlib takes these from OpenSSL (except
 * BLAKE2, which CPython implements itself); in FIPS mode OpenSSL 3 serves digests from its FIPS
 * provider, which has SHA-1, SHA-2, SHA-3 and SHAKE only. Legacy-provider digests are gone entirely;
 * default-provider ones are refused unless the call opts out with usedforsecurity=False.
 */
const ALGORITHMS: Record<string, 'fails' | 'refused' | 'unapproved'> = {
  md4: 'fails',
  whirlpool: 'fails',
  mdc2: 'fails',
  ripemd160: 'refused',
  'md5-sha1': 'refused',
  md5_sha1: 'refused',
  sm3: 'refused',
  blake2b: 'unapproved',
  blake2s: 'unapproved',
};

const EXPLAIN = {
  fails: 'only OpenSSL\'s legacy provider has it, so it raises ValueError ("unsupported hash type") in FIPS mode, with or without usedforsecurity=False',
  refused: 'OpenSSL\'s FIPS provider does not offer it, so it raises ValueError in FIPS mode unless the call passes usedforsecurity=False, and even then it is not FIPS-approved',
  unapproved: 'CPython implements it itself, so it keeps working in FIPS mode, but it is not a FIPS-approved algorithm',
};

export default defineRule<PythonContext>({
  meta: {
    code: 'FIPS002',
    name: 'non-approved-hash',
    language: 'python',
    severity: 'warning',
    summary: 'Hash algorithms outside FIPS 180-4/202 (MD4, RIPEMD-160, Whirlpool, BLAKE2 …) fail or are not approved in FIPS mode.',
  },
  check({ source, uses }, report) {
    for (const use of uses.otherCalls) {
      const verdict = own(ALGORITHMS, use.algorithm);
      if (!verdict) continue;
      report({
        range: rangeOf(source, use.name),
        message: `'${use.algorithm}' is not FIPS-approved: ${EXPLAIN[verdict]}. Use hashlib.sha256 (or another SHA-2/SHA-3 algorithm).`,
      });
    }
  },
});
