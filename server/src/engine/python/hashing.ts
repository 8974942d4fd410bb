import { argument, keywordArgument, hasKeywordSplat, stringValue } from './calls';
import { own } from '../dict';
import type { Node } from './parser';
import type { Symbols } from './symbols';

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

/** A call naming another algorithm through `hashlib.new` or a hashlib constructor. */
export interface OtherHashCall {
  call: Node;
  /** The node naming the algorithm: the literal, or the constructor. */
  name: Node;
  algorithm: string;
}

/** MD5 given to an API where `usedforsecurity` cannot help: HMAC and key derivation. */
export interface KeyedMd5 {
  call: Node;
  api: string;
  /** The argument naming MD5: `hashlib.md5` (or an alias) or a string. */
  argument: Node;
}

export interface Md5Reference {
  node: Node;
  /** `functools.partial(hashlib.md5, ...)` around it, if any. */
  partial?: Node;
}

export interface HashingUses {
  md5Calls: Md5Call[];
  otherCalls: OtherHashCall[];
  keyed: KeyedMd5[];
  references: Md5Reference[];
}

const MD5 = 'hashlib.md5';

/** Where HMAC and key-derivation APIs take their digest: position and keyword. */
const DIGEST_PARAMETERS: Record<string, [number, string]> = {
  'hmac.new': [2, 'digestmod'],
  'hmac.HMAC': [2, 'digestmod'],
  'hmac.digest': [2, 'digest'],
  'hashlib.pbkdf2_hmac': [0, 'hash_name'],
  'hashlib.file_digest': [1, 'digest'],
};

/** hashlib constructors that are not FIPS-approved, besides md5. */
const OTHER_CONSTRUCTORS = new Set(['hashlib.blake2b', 'hashlib.blake2s']);

export function securityFlag(call: Node): SecurityFlag {
  const keyword = keywordArgument(call, 'usedforsecurity');
  if (!keyword) return hasKeywordSplat(call) ? { kind: 'splat' } : { kind: 'missing' };
  const value = keyword.childForFieldName('value')!;
  if (value.type === 'false') return { kind: 'false', keyword };
  if (value.type === 'true') return { kind: 'true', keyword, value };
  return { kind: 'unknown', keyword, value };
}

/** Every use of hashlib and hmac that the FIPS rules look at. */
export function findHashingUses(root: Node, symbols: Symbols): HashingUses {
  const uses: HashingUses = { md5Calls: [], otherCalls: [], keyed: [], references: [] };
  const keyedArguments = new Set<number>();

  const inspectCall = (call: Node, callee: Node) => {
    const name = symbols.qualifiedName(callee);
    if (!name) return;
    if (name === MD5) {
      uses.md5Calls.push({ call, callee, flag: securityFlag(call) });
    } else if (name === 'hashlib.new') {
      const literal = argument(call, 0, 'name');
      const algorithm = stringValue(literal)?.toLowerCase();
      if (!literal || algorithm === undefined) return;
      if (algorithm === 'md5') uses.md5Calls.push({ call, callee, algorithm: literal, flag: securityFlag(call) });
      else uses.otherCalls.push({ call, name: literal, algorithm });
    } else if (OTHER_CONSTRUCTORS.has(name)) {
      uses.otherCalls.push({ call, name: callee, algorithm: name.slice('hashlib.'.length) });
    } else if (own(DIGEST_PARAMETERS, name)) {
      const [position, keyword] = DIGEST_PARAMETERS[name];
      const digest = argument(call, position, keyword);
      if (digest && (stringValue(digest)?.toLowerCase() === 'md5' || symbols.qualifiedName(digest) === MD5)) {
        uses.keyed.push({ call, api: name, argument: digest });
        keyedArguments.add(digest.id);
      }
    }
  };

  // Only calls whose callee's first name some import binds can be hashlib's or hmac's.
  for (const call of symbols.callsToImports()) {
    const callee = call.childForFieldName('function');
    if (callee) inspectCall(call, callee);
  }
  for (const node of md5Mentions(root, symbols)) {
    if (!isValueReference(node) || keyedArguments.has(node.id) || symbols.qualifiedName(node) !== MD5) continue;
    uses.references.push({ node, partial: enclosingPartial(node, symbols) });
  }
  return uses;
}

/**
 * Every `x.md5` attribute and bare name bound to hashlib's md5. Found by searching the text for the
 * names, then asking the tree what is there: a string or comment mentioning md5 is not an identifier.
 */
function md5Mentions(root: Node, symbols: Symbols): Node[] {
  const text = root.text;
  const found: Node[] = [];
  const aliases = symbols.aliasesOf('hashlib', 'md5');
  for (const name of new Set(['md5', ...aliases])) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
      const node = root.descendantForIndex(at, at + name.length);
      if (!node || node.type !== 'identifier' || node.startIndex !== at || node.endIndex !== at + name.length) continue;
      const parent = node.parent;
      const isAttributeName = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id;
      if (isAttributeName) found.push(parent);
      else if (aliases.includes(name)) found.push(node);
    }
  }
  return found;
}

/** `functools.partial(<node>, ...)` when `node` is its first argument. */
function enclosingPartial(node: Node, symbols: Symbols): Node | undefined {
  const args = node.parent;
  const call = args?.parent;
  if (args?.type !== 'argument_list' || call?.type !== 'call') return undefined;
  if (symbols.qualifiedName(call.childForFieldName('function')!) !== 'functools.partial') return undefined;
  return argument(call, 0, 'func')?.id === node.id ? call : undefined;
}

/**
 * Whether a name or attribute is read as a value: not called, not the head of a longer attribute
 * chain, and not a name being defined, imported or assigned.
 */
function isValueReference(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'call':
      return parent.childForFieldName('function')?.id !== node.id;
    case 'attribute':
      return false; // `hashlib.md5.__name__`, or the `md5` of `hashlib.md5`
    case 'keyword_argument':
      return parent.childForFieldName('value')?.id === node.id;
    case 'assignment':
    case 'augmented_assignment':
      return parent.childForFieldName('left')?.id !== node.id;
    case 'import_statement':
    case 'import_from_statement':
    case 'aliased_import':
    case 'dotted_name':
    case 'function_definition':
    case 'class_definition':
    case 'parameters':
    case 'lambda_parameters':
    case 'global_statement':
    case 'nonlocal_statement':
      return false;
    case 'default_parameter':
    case 'typed_default_parameter':
      return parent.childForFieldName('value')?.id === node.id;
    default:
      return true;
  }
}
