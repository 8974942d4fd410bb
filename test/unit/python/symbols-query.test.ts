import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { NodeIndex } from '../../../server/src/engine/python/dispatch';
import { parsePython, type Node } from '../../../server/src/engine/python/parser';
import { Symbols } from '../../../server/src/engine/python/symbols';

/**
 * The symbol model finds its nodes with a tree-sitter query, and with a cursor walk when the tree is
 * deeper than the query engine handles. Both must give the same model: the same answer for every name
 * and attribute chain, the same comments and the same nodes for the rules.
 */
const SNIPPETS = [
  'import hashlib\nimport hashlib as h\nfrom hashlib import md5 as m, sha1\nfrom os import *\nx = h.md5(b"")\n',
  'try:\n    import hashlib\nexcept ImportError:  # fallback\n    hashlib = None\n    def md5(): pass\nhashlib.md5()\nmd5()\n',
  'from hashlib import md5\ndef f(md5=md5, *, k=lambda md5=md5: md5):\n    return md5\nclass C:\n    md5 = None\n    def g(self):\n        return md5\n',
  'import hashlib as h\nf = lambda h=h: lambda: h.md5(x if (h := 1) else y)\n[h for h in range(3)]\nfor h, (a, *b) in z: pass\n',
  'import sys\nif sys.version_info < (3, 9):  # old\n    import hashlib\nelse:\n    from hashlib import md5 as hashlib\nv = 1 if sys.version_info[0] == 3 else 2\n',
  'import hmac, hashlib\nwith open(p) as (hashlib, q):\n    hmac.new(k, m, hashlib.md5)\nmatch v:\n    case [1, *hmac] as hashlib: pass\n',
  'import functools, hashlib\n@functools.lru_cache\ndef f(x):\n    global hashlib\n    hashlib += 1\n    return functools.partial(hashlib.md5)\n',
  'import hashlib\ndef broken(:\n    hashlib.md5(\nlambda: (\n',
];

function fixtureTexts(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...fixtureTexts(p));
    else if (p.endsWith('.py')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

/** Every node, in pre-order. */
function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const cursor = root.walk();
  for (;;) {
    out.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return (cursor.delete(), out);
  }
}

/** A stand-in for the rules' index that records the nodes handed to it. */
function recorder(kinds: string[]): { index: NodeIndex; seen: string[] } {
  const seen: string[] = [];
  const index = { walkedKinds: () => kinds, visit: (node: Node, type: string) => seen.push(`${type}@${node.startIndex}`) };
  return { index: index as unknown as NodeIndex, seen };
}

function model(symbols: Symbols, nodes: Node[]): string[] {
  const out = symbols.comments.map((c) => `comment@${c.startIndex}`);
  for (const n of nodes) {
    if (n.type !== 'identifier' && n.type !== 'attribute') continue;
    out.push(`${n.startIndex}:${n.text}=${symbols.qualifiedName(n)}/${symbols.moduleAlias('hashlib', n)}`);
  }
  return out;
}

describe('symbol model: query and walk agree', () => {
  const texts = [...SNIPPETS, ...fixtureTexts(join(__dirname, '../../../../test/fixtures'))];

  it('gives the same answers, comments and rule nodes on the snippets and every Python fixture', async () => {
    let resolved = 0;
    for (const text of texts) {
      const tree = await parsePython(text);
      try {
        const nodes = allNodes(tree.rootNode);
        const kinds = ['if_statement', 'conditional_expression', 'call'];
        const q = recorder(kinds);
        const w = recorder(kinds);
        const byQuery = model(new Symbols(tree.rootNode, q.index), nodes);
        const byWalk = model(new Symbols(tree.rootNode, w.index, { walk: true }), nodes);
        assert.deepEqual(byQuery, byWalk, text.slice(0, 200));
        assert.deepEqual(q.seen, w.seen, text.slice(0, 200));
        resolved += byQuery.filter((line) => /=[a-z]/.test(line)).length;
      } finally {
        tree.delete();
      }
    }
    // The comparison means something only if names resolve.
    assert.ok(texts.length > 15 && resolved > 50, `${texts.length} texts, ${resolved} resolved names`);
  });

  it('agrees on a file with a statement too big for the query (read by statement, that one walked)', async () => {
    // Over 65,280 nodes in one statement: it is walked, and each other module-level statement queried.
    const text = `${SNIPPETS.slice(0, -1).join('\n').repeat(20)}f = ${'lambda: '.repeat(70_000)}lambda hashlib: hashlib.md5(x)\n${SNIPPETS[0]}`;
    const tree = await parsePython(text);
    try {
      assert.ok(tree.rootNode.descendantCount > 0xff00, `${tree.rootNode.descendantCount} nodes`);
      const nodes = allNodes(tree.rootNode);
      const kinds = ['if_statement', 'conditional_expression'];
      const q = recorder(kinds);
      const w = recorder(kinds);
      assert.deepEqual(model(new Symbols(tree.rootNode, q.index), nodes), model(new Symbols(tree.rootNode, w.index, { walk: true }), nodes));
      assert.deepEqual(q.seen, w.seen);
    } finally {
      tree.delete();
    }
  });

  it('reads bindings made in except clauses and parameter scopes as the walk does', async () => {
    const tree = await parsePython(SNIPPETS[2]);
    try {
      const symbols = new Symbols(tree.rootNode);
      const names = allNodes(tree.rootNode).filter((n) => n.type === 'identifier' && n.text === 'md5');
      // The import; the function's parameter and its default (read outside the function); the lambda's
      // parameter, default and body (a lambda's parameters are its scope); `return md5` (the parameter);
      // the class attribute; the method's `return md5` (the class scope is skipped: the module's md5).
      const answers = names.map((n) => symbols.qualifiedName(n));
      const md5 = 'hashlib.md5';
      assert.deepEqual(answers, [md5, md5, md5, undefined, undefined, undefined, undefined, undefined, md5]);
    } finally {
      tree.delete();
    }
  });
});
