import { argument } from '../python/calls';
import { addKeywordArgument, rangeOf, retarget } from '../python/edits';
import { MD5, securityFlag } from '../python/hashing';
import type { Node } from '../python/parser';
import { definePythonRule, type VisitContext } from '../python/rule';
import type { Report } from '../rule';
import { insert } from '../text';
import type { Fix, TextEdit } from '../types';
import { keyedMd5 } from './FIPS003-md5-in-hmac-or-kdf';

const DOT_MD5 = /\s*\.\s*md5\b/y;

/**
 * ## What it checks
 *
 * `hashlib.md5` (or an alias of it) used as a value instead of being called: kept in a list or dict,
 * passed as an argument or a default value, returned, or assigned. Whoever calls it later without
 * `usedforsecurity=False` gets `ValueError` in FIPS mode, and that call site is often in a library that
 * cannot be changed. `digestmod=` and the other HMAC/KDF arguments are [FIPS003](FIPS003.md)'s.
 *
 * `functools.partial(hashlib.md5, usedforsecurity=False)` is the compliant way to hand MD5 to other
 * code; a `functools.partial(hashlib.md5)` without the flag is reported.
 *
 * ## Why
 *
 * A reference travels: the code that finally calls it rarely knows to pass `usedforsecurity=False`,
 * so the `ValueError` surfaces far from the line that chose MD5, often inside a library.
 *
 * ## Examples
 *
 * ```python fails gen3
 * import hashlib
 * ALGORITHMS = {"md5": hashlib.md5}
 * ```
 *
 * ```python passes gen3
 * import functools
 * import hashlib
 * ALGORITHMS = {"md5": functools.partial(hashlib.md5, usedforsecurity=False)}
 * ```
 *
 * ## Fix
 *
 * - A `functools.partial(hashlib.md5)` without the flag gets `usedforsecurity=False` (preferred, safe).
 * - Otherwise: **wrap in `functools.partial(..., usedforsecurity=False)`** for non-security uses
 *   (adds `import functools` after the module docstring and `__future__` imports when it is missing), or
 *   **use `hashlib.sha256`** for security uses. Neither is applied by `--fix`: which one is right depends
 *   on what the callee does with it.
 */
export default definePythonRule({
  meta: {
    code: 'FIPS004',
    name: 'md5-reference',
    language: 'python',
    severity: 'warning',
    summary: 'hashlib.md5 passed around as a value fails in FIPS mode when it is called later without usedforsecurity=False.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['fips'],
  },
  appliesTo: (profile) => profile.fips,
  imports: ['hashlib'],
  viaImport: true,
  visit: {
    // Names an import of hashlib binds: `md5` after `from hashlib import md5`, or the `hashlib` of `hashlib.md5`.
    identifier(name, ctx, report) {
      // The text says cheaply whether `.md5` follows; the tree then confirms it is that attribute.
      DOT_MD5.lastIndex = name.endIndex;
      const parent = DOT_MD5.test(ctx.source.text) ? name.parent : undefined;
      const node = parent?.type === 'attribute' && parent.childForFieldName('object')?.id === name.id ? parent : name;
      if (ctx.symbols.qualifiedName(node) === MD5 && isValueReference(node) && !isKeyedDigest(node, ctx)) check(node, ctx, report);
    },
  },
});

function check(node: Node, ctx: VisitContext, report: (r: Report) => void): void {
  const { source, symbols } = ctx;
  const partial = enclosingPartial(node, ctx);
  if (partial) {
    // `functools.partial(hashlib.md5, usedforsecurity=False)` is the compliant form.
    const flag = securityFlag(partial);
    if (flag.kind === 'false') return;
    const edits = flag.kind === 'missing' ? addKeywordArgument(source, partial, 'usedforsecurity=False') : undefined;
    report({
      range: rangeOf(source, node),
      message: `'${node.text}' is bound without usedforsecurity=False, so calling the partial raises ValueError in FIPS mode.`,
      fixes: edits ? [{ title: 'Add usedforsecurity=False to the partial', edits, preferred: true, applicability: 'safe' }] : [],
    });
    return;
  }
  const fixes: Fix[] = [];
  const functools = symbols.moduleAlias('functools', node);
  const wrap: TextEdit = { range: rangeOf(source, node), newText: `${functools ?? 'functools'}.partial(${node.text}, usedforsecurity=False)` };
  const imported = functools ? [] : importEdit(ctx, 'functools', node);
  if (imported)
    fixes.push({ title: 'Wrap in functools.partial(..., usedforsecurity=False) (for non-security uses)', edits: [wrap, ...imported], applicability: 'unsafe' });
  const sha = retarget(source, node, symbols, 'sha256');
  if (sha) fixes.push({ title: 'Use hashlib.sha256 instead (changes the digest: for security uses)', edits: sha, applicability: 'unsafe' });
  report({
    range: rangeOf(source, node),
    message: `'${node.text}' is passed as a value, so a later call without usedforsecurity=False raises ValueError in FIPS mode.`,
    fixes,
  });
}

/**
 * `import module` on a line of its own where new imports go; none when that line comes after the
 * reference (a docstring or `__future__` line that also holds it), where the name would not be bound yet.
 */
function importEdit(ctx: VisitContext, module: string, reference: Node): TextEdit[] | undefined {
  const line = ctx.importLine();
  if (line > reference.startPosition.row) return undefined;
  return [insert({ line, character: 0 }, `import ${module}${ctx.source.eol}`)];
}

/** The digest argument of HMAC or key derivation is FIPS003's. */
function isKeyedDigest(node: Node, { symbols }: VisitContext): boolean {
  const holder = node.parent?.type === 'keyword_argument' ? node.parent.parent : node.parent;
  const call = holder?.type === 'argument_list' ? holder.parent : undefined;
  return call?.type === 'call' && keyedMd5(call, symbols)?.argument.id === node.id;
}

/** `functools.partial(<node>, ...)` when `node` is its first argument. */
function enclosingPartial(node: Node, { symbols }: VisitContext): Node | undefined {
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
function isValueReference(reference: Node): boolean {
  // `(hashlib.md5)(data)` is a call too.
  let node = reference;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
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
