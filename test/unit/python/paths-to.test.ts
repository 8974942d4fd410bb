import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pathsTo } from '../../../server/src/engine/python/dispatch';
import { parsePython, type Node } from '../../../server/src/engine/python/parser';

/**
 * `pathsTo` answers every offset from one cursor descent that moves on from where the last offset left
 * it. It must give each offset the path a fresh descent from the root gives: the first child that ends
 * after the offset, taken while it starts at or before it.
 */
function pathFromRoot(root: Node, at: number): number[] {
  const path = [root];
  for (;;) {
    const child = path[path.length - 1].children.find((c): c is Node => !!c && c.endIndex > at);
    if (!child || child.startIndex > at) return path.map((n) => n.id);
    path.push(child);
  }
}

// Pieces that nest (parentheses, calls, attribute chains, lambdas, blocks) and leave gaps between nodes.
const piece = fc.constantFrom(
  'x',
  'hashlib',
  '.md5',
  '(',
  ')',
  '(a, b)',
  ' ',
  '\n',
  '\n    ',
  'lambda y: ',
  'def f():\n    ',
  '[',
  ']',
  ',',
  '# c\n',
  "'s'",
  '=',
);
const source = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

describe('pathsTo', () => {
  it('gives every offset the path a descent from the root gives', async () => {
    await fc.assert(
      fc.asyncProperty(source, fc.array(fc.nat(), { maxLength: 30 }), async (text, picks) => {
        const tree = await parsePython(text);
        try {
          const offsets = picks.map((p) => p % (text.length + 1)).sort((a, b) => a - b);
          const got: number[][] = [];
          pathsTo(tree.rootNode, offsets, (path) => got.push(path.map((n) => n.id)));
          assert.deepEqual(
            got,
            offsets.map((at) => pathFromRoot(tree.rootNode, at)),
          );
        } finally {
          tree.delete();
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
