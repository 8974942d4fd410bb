import { argument, hasKeywordSplat, keywordArgument, stringValue } from './calls';
import type { Node } from './parser';
import type { Symbols } from './symbols';

// What every MD5 rule needs to recognise: hashlib's MD5 constructor, and how a call states
// `usedforsecurity`. The tables of other algorithms and APIs live in the rules that use them.

export const MD5 = 'hashlib.md5';

/** How a call states `usedforsecurity`. */
export type SecurityFlag =
  | { kind: 'false'; keyword: Node }
  | { kind: 'true'; keyword: Node; value: Node }
  | { kind: 'unknown'; keyword: Node; value: Node }
  | { kind: 'splat' }
  | { kind: 'missing' };

/** A call that creates an MD5 hash object: `hashlib.md5(...)` or `hashlib.new("md5", ...)`. */
export interface Md5Call {
  call: Node;
  callee: Node;
  /** The `"md5"` literal of `hashlib.new`; absent for `hashlib.md5`. */
  algorithm?: Node;
  flag: SecurityFlag;
}

export function securityFlag(call: Node): SecurityFlag {
  const keyword = keywordArgument(call, 'usedforsecurity');
  if (!keyword) return hasKeywordSplat(call) ? { kind: 'splat' } : { kind: 'missing' };
  const value = keyword.childForFieldName('value')!;
  if (value.type === 'false') return { kind: 'false', keyword };
  if (value.type === 'true') return { kind: 'true', keyword, value };
  return { kind: 'unknown', keyword, value };
}

/**
 * Per file and call: FIPS001 and FIPS005 both ask about every call. Kept on the file's symbol model, not in
 * a WeakMap: V8's minor GC keeps WeakMap entries with young keys, so each file's model outlived its check.
 */
const MD5_CALLS = Symbol('md5Calls');
type WithCalls = Symbols & { [MD5_CALLS]?: Map<number, Md5Call | undefined> };

/** The call as an MD5 construction, if it is one. */
export function md5Call(call: Node, symbols: Symbols): Md5Call | undefined {
  const known = ((symbols as WithCalls)[MD5_CALLS] ??= new Map());
  if (!known.has(call.id)) known.set(call.id, readMd5Call(call, symbols));
  return known.get(call.id);
}

function readMd5Call(call: Node, symbols: Symbols): Md5Call | undefined {
  const callee = call.childForFieldName('function');
  const name = callee && symbols.qualifiedName(callee);
  if (!callee || !name) return undefined;
  if (name === MD5) return { call, callee, flag: securityFlag(call) };
  if (name !== 'hashlib.new') return undefined;
  const literal = argument(call, 0, 'name');
  if (!literal || stringValue(literal)?.toLowerCase() !== 'md5') return undefined;
  return { call, callee, algorithm: literal, flag: securityFlag(call) };
}

/** Whether a node names MD5 as a digest: `hashlib.md5` (or an alias) or the string `"md5"`. */
export function namesMd5(node: Node, symbols: Symbols): boolean {
  return stringValue(node)?.toLowerCase() === 'md5' || symbols.qualifiedName(node) === MD5;
}
