import type { PythonContext } from '../python/context';
import { addKeywordArgument, rangeOf, retarget } from '../python/edits';
import { securityFlag } from '../python/hashing';
import { defineRule } from '../rule';
import type { Node } from '../python/parser';
import { insert } from '../text';
import type { Fix, TextEdit } from '../types';

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
export default defineRule<PythonContext>({
  meta: {
    code: 'FIPS004',
    name: 'md5-reference',
    language: 'python',
    severity: 'warning',
    summary: 'hashlib.md5 passed around as a value fails in FIPS mode when it is called later without usedforsecurity=False.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['fips'],
  },
  check(ctx, report) {
    const { source, uses, symbols } = ctx;
    for (const { node, partial } of uses.references) {
      if (partial) {
        // `functools.partial(hashlib.md5, usedforsecurity=False)` is the compliant form.
        const flag = securityFlag(partial);
        if (flag.kind === 'false') continue;
        const edits = flag.kind === 'missing' ? addKeywordArgument(source, partial, 'usedforsecurity=False') : undefined;
        report({
          range: rangeOf(source, node),
          message: `'${node.text}' is bound by functools.partial without usedforsecurity=False, so calling it raises ValueError in FIPS mode. Add usedforsecurity=False to the partial for non-security uses.`,
          fixes: edits ? [{ title: 'Add usedforsecurity=False to the partial', edits, preferred: true, applicability: 'safe' }] : [],
        });
        continue;
      }
      const fixes: Fix[] = [];
      const functools = symbols?.moduleAlias('functools', node);
      const partialEdits: TextEdit[] = [{ range: rangeOf(source, node), newText: `${functools ?? 'functools'}.partial(${node.text}, usedforsecurity=False)` }];
      const imported = functools ? [] : importEdit(ctx, 'functools', node);
      if (imported) fixes.push({ title: 'Wrap in functools.partial(..., usedforsecurity=False) (for non-security uses)', edits: [...partialEdits, ...imported], applicability: 'unsafe' });
      const sha = retarget(source, node, symbols, 'sha256');
      if (sha) fixes.push({ title: 'Use hashlib.sha256 instead (changes the digest: for security uses)', edits: sha, applicability: 'unsafe' });
      report({
        range: rangeOf(source, node),
        message: `'${node.text}' is passed around as a value; whoever calls it later without usedforsecurity=False gets ValueError in FIPS mode. Bind the flag with functools.partial, or use hashlib.sha256.`,
        fixes,
      });
    }
  },
});

/**
 * `import module` on a line of its own where new imports go; none when that line comes after the
 * reference (a docstring or `__future__` line that also holds it), where the name would not be bound yet.
 */
function importEdit(ctx: PythonContext, module: string, reference: Node): TextEdit[] | undefined {
  if (ctx.importLine > reference.startPosition.row) return undefined;
  return [insert({ line: ctx.importLine, character: 0 }, `import ${module}${ctx.source.eol}`)];
}
