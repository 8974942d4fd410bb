import { argument, stringValue } from '../python/calls';
import { rangeOf, retarget } from '../python/edits';
import { md5Call, type Md5Call } from '../python/hashing';
import type { Node } from '../python/parser';
import { definePythonRule } from '../python/rule';
import type { SourceText } from '../text';
import { replace } from '../text';
import type { TextEdit } from '../types';

/** Words that name something secret or protective. `key` alone is not one: cache keys are the classic safe use. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'secrets',
  'token',
  'tokens',
  'signature',
  'signatures',
  'credential',
  'credentials',
  'sign',
  'signed',
  'hmac',
  'otp',
  'nonce',
  'salt',
  'apikey',
]);
/** `<word>_key` that is a secret key rather than a lookup key. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'signing', 'session', 'encryption', 'auth', 'access', 'master', 'crypto']);
/** Words that say the hash is a lookup or a checksum, whatever else the name says. */
const BENIGN_WORDS = new Set(['cache', 'etag', 'checksum', 'fingerprint', 'digest', 'id', 'bucket', 'shard', 'partition', 'dedup']);
/** Inputs that are passwords: hashing them with MD5 protects them, whatever the result is called. */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase']);

/** `resetTokenHash` → reset, token, hash; `API_KEY` → api, key. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function secretWord(name: string): string | undefined {
  const w = words(name);
  if (w.some((x) => BENIGN_WORDS.has(x))) return undefined;
  const found = w.find((x) => SECRET_WORDS.has(x));
  if (found) return found;
  const key = w.findIndex((x, i) => x === 'key' && i > 0 && KEY_QUALIFIERS.has(w[i - 1]));
  return key > 0 ? `${w[key - 1]}_key` : undefined;
}

/**
 * ## What it checks
 *
 * `usedforsecurity=False` makes MD5 run in FIPS mode; it does not make MD5 safe. The standard says:
 * "FOR SECURITY use (e.g., passwords), DO NOT USE MD5". This rule reports an MD5 call marked
 * `usedforsecurity=False` whose result evidently protects something:
 *
 * - it is assigned to, passed as, or stored under a name about passwords, tokens, secrets, signatures,
 *   credentials, one-time codes, salts, nonces or secret keys (`password_hash`, `resetToken`, `api_key=`,
 *   `{"secret": ...}`), possibly through `.hexdigest()` / `.digest()`;
 * - it is returned from a function named that way (`def sign_request(...)`);
 * - it hashes a password directly (`md5(password.encode(), usedforsecurity=False)`).
 *
 * It stays quiet on purpose where MD5 is the usual non-security tool: a name that also says `cache`,
 * `etag`, `checksum`, `fingerprint`, `digest` or `id` is a lookup, and `key` alone (`cache_key`, `key`)
 * is a lookup key — only qualified keys (`api_key`, `secret_key`, `signing_key`, `session_key` …)
 * count. A false alarm here would teach people to ignore the tool.
 *
 * ## Why
 *
 * `usedforsecurity=False` is a promise that the hash protects nothing. Where the result is a
 * password hash, a token or a signature, the promise is false: MD5 collisions are cheap, and the
 * standard forbids MD5 for security uses in so many words.
 *
 * ## Examples
 *
 * ```python fails gen3
 * import hashlib
 * password_hash = hashlib.md5(pw, usedforsecurity=False).hexdigest()
 * ```
 *
 * ```python passes gen3
 * import hashlib
 * cache_key = hashlib.md5(url, usedforsecurity=False).hexdigest()
 * ```
 *
 * ## Fix
 *
 * **Use `hashlib.sha256` instead**, dropping the flag. It changes the digest (stored hashes stop
 * matching), so it is never applied by `--fix`. For passwords, use a key-derivation function
 * (`hashlib.scrypt`, or `hashlib.pbkdf2_hmac` with SHA-256) rather than any plain hash.
 */
export default definePythonRule({
  meta: {
    code: 'FIPS005',
    name: 'md5-for-security',
    language: 'python',
    severity: 'warning',
    summary: 'MD5 marked usedforsecurity=False must not protect passwords, tokens, secrets or signatures.',
    fixes: ['unsafe'],
    profileFields: ['fips'],
  },
  appliesTo: (profile) => profile.fips,
  imports: ['hashlib'],
  viaImport: true,
  visit: {
    call(call, { source, symbols }, report) {
      const use = md5Call(call, symbols);
      if (use?.flag.kind !== 'false') return;
      const evidence = securityEvidence(use.call);
      if (!evidence) return;
      const sha = retarget(source, use.algorithm ?? use.callee, symbols, 'sha256');
      const edits: TextEdit[] | undefined = sha && [...sha, ...removeFlag(use, source)];
      report({
        range: rangeOf(source, use.algorithm ?? use.callee),
        message: `MD5 ${evidence}, a security use that usedforsecurity=False does not make safe.`,
        fixes: edits ? [{ title: 'Use hashlib.sha256 instead (changes the digest)', edits, applicability: 'unsafe' }] : [],
      });
    },
  },
});

/** Why an MD5 call evidently protects something (its destination or a password input), if it does. */
export function securityEvidence(call: Node): string | undefined {
  return destination(call) ?? passwordInput(call);
}

/** Where the hash ends up, through `.hexdigest()` and the like: an assignment, a keyword, a dict key or a return. */
function destination(call: Node): string | undefined {
  let expr = call;
  for (;;) {
    const parent = expr.parent;
    if (parent?.type === 'attribute' && parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id) expr = parent.parent;
    else if (parent?.type === 'parenthesized_expression') expr = parent;
    else break;
  }
  const parent = expr.parent;
  if (!parent) return undefined;
  const named = (name: string | undefined, how: string) => {
    const word = name && secretWord(name);
    return word ? `${how} '${name}'` : undefined;
  };
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === expr.id) {
    const left = parent.childForFieldName('left');
    if (left?.type === 'identifier') return named(left.text, 'is stored in');
    if (left?.type === 'attribute') return named(left.childForFieldName('attribute')?.text, 'is stored in');
    if (left?.type === 'subscript') return named(stringValue(left.childForFieldName('subscript') ?? undefined), 'is stored under');
  }
  if (parent.type === 'keyword_argument' && parent.childForFieldName('value')?.id === expr.id)
    return named(parent.childForFieldName('name')?.text, 'is passed as');
  if (parent.type === 'pair' && parent.childForFieldName('value')?.id === expr.id)
    return named(stringValue(parent.childForFieldName('key') ?? undefined), 'is stored under');
  if (parent.type === 'return_statement') {
    for (let n: Node | null = parent.parent; n; n = n.parent) {
      if (n.type === 'function_definition') return named(n.childForFieldName('name')?.text, 'is returned by');
      if (n.type === 'lambda' || n.type === 'class_definition') break;
    }
  }
  return undefined;
}

/** A password given straight to MD5: `md5(password.encode(), ...)`. */
function passwordInput(call: Node): string | undefined {
  const data = argument(call, 0, 'string') ?? argument(call, 0, 'data');
  if (!data) return undefined;
  const names = data.type === 'identifier' ? [data] : data.descendantsOfType('identifier').filter((n): n is Node => !!n);
  const password = names.find((n) => words(n.text).some((w) => PASSWORD_WORDS.has(w)));
  return password ? `hashes '${password.text}'` : undefined;
}

/** Drops `usedforsecurity=False` (and its comma) once the call is no longer MD5. */
function removeFlag(use: Md5Call, source: SourceText): TextEdit[] {
  if (use.flag.kind !== 'false') return [];
  const keyword = use.flag.keyword;
  const before = keyword.previousSibling;
  const after = keyword.nextSibling;
  const cut = (start: number, end: number) => [replace({ start: source.positionAt(start), end: source.positionAt(end) }, '')];
  // First argument, or after a comment (whose line the comma before ends): the comma after it goes,
  // with the spaces up to the next argument on that line, else `f(, x)` or `f(,)` would be left.
  if (before?.type !== ',') {
    if (after?.type !== ',') return cut(keyword.startIndex, keyword.endIndex);
    const next = after.nextSibling;
    const end = next && next.type !== ')' && next.startPosition.row === after.endPosition.row ? next.startIndex : after.endIndex;
    return cut(keyword.startIndex, end);
  }
  return cut(before.startIndex, keyword.endIndex);
}
