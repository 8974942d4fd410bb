import { own } from '../dict';
import { argument, stringValue } from '../python/calls';
import { rangeOf } from '../python/edits';
import type { Node } from '../python/parser';
import { definePythonRule } from '../python/rule';
import type { Symbols } from '../python/symbols';

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

/** hashlib's own constructors for algorithms in the table (`hashlib.new` takes any by name). */
const CONSTRUCTORS = new Set(['hashlib.blake2b', 'hashlib.blake2s']);

// Completes "'<algorithm>' is not FIPS-approved…": what happens to it in FIPS mode.
const EXPLAIN = {
  fails: ' and raises ValueError in FIPS mode even with usedforsecurity=False',
  refused: ' and raises ValueError in FIPS mode unless the call passes usedforsecurity=False',
  unapproved: ', though it still works in FIPS mode (CPython implements it itself)',
};

/**
 * ## What it checks
 *
 * Hash algorithms other than MD5 that fail or are not approved in FIPS mode, named through
 * `hashlib.new("<name>")` or a hashlib constructor. In FIPS mode OpenSSL 3 serves digests from its FIPS
 * provider, which offers the SHA-1, SHA-2, SHA-3 and SHAKE families only; CPython's hashlib asks OpenSSL
 * for everything except BLAKE2, which it implements itself. The message says which case applies:
 *
 * | Algorithm | In FIPS mode |
 * | --- | --- |
 * | `md4`, `whirlpool`, `mdc2` | Only in OpenSSL's legacy provider: `ValueError` ("unsupported hash type"), even with `usedforsecurity=False`. |
 * | `ripemd160`, `md5-sha1`, `sm3` | Not in the FIPS provider: `ValueError` unless the call passes `usedforsecurity=False`; not approved either way. |
 * | `blake2b`, `blake2s` | CPython's own implementation keeps working, but the algorithm is not FIPS-approved. |
 *
 * SHA-1 is **not** reported: it still works in FIPS mode, and this is a FIPS linter, not a general
 * "weak hash" linter. `md5` is [FIPS001](FIPS001.md).
 *
 * ## Why
 *
 * A digest that OpenSSL's FIPS provider does not serve either raises `ValueError` on a FIPS host
 * (the image runs fine on a laptop and fails in production) or quietly uses an algorithm the FIPS
 * standard does not approve, which an audit of the image reports.
 *
 * ## Examples
 *
 * ```python fails gen3
 * import hashlib
 * digest = hashlib.new("ripemd160", data)
 * ```
 *
 * ```python fails gen3
 * import hashlib
 * digest = hashlib.blake2b(data)
 * ```
 *
 * ```python passes gen3
 * import hashlib
 * digest = hashlib.sha3_256(data)
 * ```
 *
 * ## Fix
 *
 * Use `hashlib.sha256` (or another SHA-2 or SHA-3 algorithm). None is offered automatically: the
 * replacement changes every stored digest.
 */
export default definePythonRule({
  meta: {
    code: 'FIPS002',
    name: 'non-approved-hash',
    language: 'python',
    severity: 'warning',
    summary: 'Hash algorithms outside FIPS 180-4/202 (MD4, RIPEMD-160, Whirlpool, BLAKE2 …) fail or are not approved in FIPS mode.',
    profileFields: ['fips'],
  },
  appliesTo: (profile) => profile.fips,
  imports: ['hashlib'],
  viaImport: true,
  visit: {
    call(call, { source, symbols }, report) {
      const use = namedAlgorithm(call, symbols);
      const verdict = use && own(ALGORITHMS, use.algorithm);
      if (!use || !verdict) return;
      report({
        range: rangeOf(source, use.name),
        message: `'${use.algorithm}' is not FIPS-approved${EXPLAIN[verdict]}.`,
      });
    },
  },
});

/** The algorithm a call names (`hashlib.new("md4")`, `hashlib.blake2b()`) and the node naming it. */
function namedAlgorithm(call: Node, symbols: Symbols): { algorithm: string; name: Node } | undefined {
  const callee = call.childForFieldName('function');
  const qualified = callee && symbols.qualifiedName(callee);
  if (!callee || !qualified) return undefined;
  if (CONSTRUCTORS.has(qualified)) return { algorithm: qualified.slice('hashlib.'.length), name: callee };
  if (qualified !== 'hashlib.new') return undefined;
  const literal = argument(call, 0, 'name');
  const algorithm = stringValue(literal)?.toLowerCase();
  return literal && algorithm !== undefined ? { algorithm, name: literal } : undefined;
}
