import { parsePython, type Node } from './parser';

/** What a fix broke in a Python file: tree-sitter finds more ERROR or MISSING nodes than before. */
export async function pythonDamage(before: string, after: string): Promise<string | undefined> {
  const [was, is] = [await syntaxErrors(before), await syntaxErrors(after)];
  return is > was ? 'the result would not parse as Python' : undefined;
}

async function syntaxErrors(text: string): Promise<number> {
  const tree = await parsePython(text);
  try {
    return tree.rootNode.hasError ? countErrors(tree.rootNode) : 0;
  } finally {
    tree.delete();
  }
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
