import type { Node } from './parser';

// Where a module's header ends: its leading comments, docstring and `from __future__` imports.

/**
 * The line a new import goes on: after leading comments (a shebang, a PEP 263 coding cookie, which
 * must stay on the first two lines), the module docstring, and `from __future__` imports (which
 * CPython requires before every other statement).
 */
export function importLine(root: Node): number {
  let line = 0;
  let first = true;
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'comment') {
      if (first) line = statement.endPosition.row + 1;
      continue;
    }
    const docstring = first && isDocstring(statement);
    first = false;
    if (!docstring && statement.type !== 'future_import_statement') break;
    line = statement.endPosition.row + 1;
  }
  return line;
}

/**
 * Whether a statement, if it comes first, is the module docstring for CPython: a str literal,
 * implicitly concatenated ones (`"doc" "more"`, and `"doc"""`, which is `"doc"` then `""`), maybe
 * in parentheses; not bytes, an f-string or a t-string.
 */
export function isDocstring(statement: Node): boolean {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  // A loop, not recursion, through the parentheses: they may nest without limit.
  let n = statement.namedChildren[0]!;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  const parts = n.type === 'concatenated_string' ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [n];
  return parts.every((s) => s.type === 'string' && !/[bft]/i.test(s.namedChildren.find((c) => c?.type === 'string_start')?.text ?? ''));
}
