import { captures, parsePython, type Node } from './parser';
import { isDocstring } from './layout';

/**
 * What a fix broke in a Python file: more syntax errors than before. tree-sitter's ERROR and MISSING
 * nodes, plus what its grammar accepts and CPython does not: a comma right after an opening bracket
 * (`f(,)`, `f(, x)`), and a `from __future__` import after another statement.
 */
export async function pythonDamage(before: string, after: string): Promise<string | undefined> {
  const [was, is] = [await syntaxErrors(before), await syntaxErrors(after)];
  return is > was ? 'the result would not parse as Python' : undefined;
}

// A comma as the first thing in brackets.
const LEADING_COMMA =
  '[(argument_list "(" . "," @c) (tuple "(" . "," @c) (list "[" . "," @c) (set "{" . "," @c) (dictionary "{" . "," @c) (subscript "[" . "," @c)]';

async function syntaxErrors(text: string): Promise<number> {
  const tree = await parsePython(text);
  try {
    const root = tree.rootNode;
    return (root.hasError ? countErrors(root) : 0) + captures(root, LEADING_COMMA).length + lateFutureImports(root);
  } finally {
    tree.delete();
  }
}

/** `from __future__` imports that CPython rejects: any after the docstring and the first run of them. */
function lateFutureImports(root: Node): number {
  let late = 0;
  let leading = true;
  let first = true;
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    if (statement.type === 'future_import_statement') late += leading ? 0 : 1;
    else if (!(first && isDocstring(statement))) leading = false;
    first = false;
  }
  return late;
}

/** Counts with a cursor, not recursion, so deep nesting cannot overflow the stack. */
function countErrors(root: Node): number {
  let count = 0;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.type === 'ERROR' || node.isMissing) count++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return count;
      }
    }
  } finally {
    cursor.delete();
  }
}
