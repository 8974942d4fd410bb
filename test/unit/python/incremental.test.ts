import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { builtinProfile, lint, ParseMemo } from '../../../server/src/engine';
import { editBetween, parsePython, type Tree } from '../../../server/src/engine/python/parser';
import { WorkerLinter } from '../../../server/src/lsp/workerLinter';
import { rng } from '../helpers/rng';

/**
 * The editor parses each new version of a Python document incrementally from the last one (a
 * `ParseMemo`): the tree must be the one a fresh parse gives, and the findings the same, whatever the edit.
 */
const gen3 = builtinProfile('gen3')!;

const SOURCE = [
  '# -*- coding: utf-8 -*-',
  'import hashlib',
  'from hmac import new as hnew',
  '',
  'def digest(data):',
  '    """Grüße, 日本語 and 🐍 before the call."""',
  '    return hashlib.md5(data).hexdigest()',
  '',
  'class Signer:',
  '    def sign(self, key, msg):',
  "        return hnew(key, msg, 'md5')",
  '',
  "h = hashlib.new('md5')",
  'if True:',
  '    x = [lambda y: hashlib.sha1(y) for _ in range(3)]',
  '',
].join('\r\n');

const PIECES = [
  '',
  ' ',
  'x',
  '\n',
  '\r\n',
  '\r',
  '(',
  ')',
  ':',
  '"',
  "'",
  '#',
  'md5',
  'hashlib.',
  'import hmac\n',
  '    ',
  'é',
  '🐍',
  'def f(',
  'lambda: ',
  '\\',
];

/** Replaces a random span with a random piece; never splits a surrogate pair (an editor would not). */
function randomEdit(text: string, pick: (n: number) => number): string {
  const fix = (i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i - 1 : i);
  const start = fix(pick(text.length + 1));
  const end = fix(Math.min(text.length, start + pick(4)));
  return text.slice(0, start) + PIECES[pick(PIECES.length)] + text.slice(Math.max(start, end));
}

function shape(tree: Tree): string {
  // The S-expression and every named node's offsets and points: what the rules read from the tree.
  const out: string[] = [tree.rootNode.toString()];
  const cursor = tree.walk();
  for (;;) {
    const n = cursor.currentNode;
    out.push(`${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row},${n.startPosition.column}-${n.endPosition.row},${n.endPosition.column}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out.join('\n');
  }
}

describe('incremental Python parsing (ParseMemo)', () => {
  it('gives the tree a fresh parse gives, after each of 300 random edits (CRLF, lone CR, non-ASCII, surrogate pairs)', async () => {
    for (const seed of [1, 2, 3]) {
      const pick = rng(seed);
      const memo = new ParseMemo();
      let text = SOURCE;
      try {
        for (let step = 0; step < 100; step++) {
          text = randomEdit(text, pick);
          const incremental = await parsePython(text, memo);
          const fresh = await parsePython(text);
          try {
            assert.equal(shape(incremental), shape(fresh), `seed ${seed}, step ${step}: ${JSON.stringify(text)}`);
          } finally {
            incremental.delete();
            fresh.delete();
          }
        }
      } finally {
        memo.dispose();
      }
    }
  });

  it('sees a change that keeps the length (no offset moves, so only the edit tells the parser)', async () => {
    const memo = new ParseMemo();
    try {
      for (const text of [
        'def f():\n    return 12\n\ndef g():\n    pass\n',
        'def f():\n    return ab\n\ndef g():\n    pass\n',
        'def f():\n    return (1)\n\ndef g():\n    pass\n',
      ]) {
        const incremental = await parsePython(text, memo);
        const fresh = await parsePython(text);
        try {
          assert.equal(shape(incremental), shape(fresh), JSON.stringify(text));
        } finally {
          incremental.delete();
          fresh.delete();
        }
      }
    } finally {
      memo.dispose();
    }
  });

  it('reuses the unchanged parts of the last tree: a statement before the edit is the same node', async () => {
    const memo = new ParseMemo();
    const first = await parsePython(SOURCE, memo);
    const kept = first.copy();
    first.delete();
    const edited = SOURCE.replace("h = hashlib.new('md5')", "h = hashlib.new('sha256')");
    const second = await parsePython(edited, memo);
    const fresh = await parsePython(edited);
    try {
      const firstImport = (t: Tree) => t.rootNode.namedChildren.find((n) => n?.type === 'import_statement')!.id;
      // tree-sitter shares untouched subtrees between the old tree and the new one; a fresh parse builds its own.
      assert.equal(firstImport(second), firstImport(kept));
      assert.notEqual(firstImport(fresh), firstImport(kept));
    } finally {
      for (const t of [kept, second, fresh]) t.delete();
      memo.dispose();
    }
  });

  it('finds the same findings with and without the memo, edit after edit', async () => {
    const pick = rng(7);
    const memo = new ParseMemo();
    let text = SOURCE;
    try {
      for (let step = 0; step < 60; step++) {
        text = randomEdit(text, pick);
        const kept = await lint(text, 'python', { profile: gen3, memo });
        const fresh = await lint(text, 'python', { profile: gen3 });
        assert.deepEqual(kept.findings, fresh.findings, `step ${step}: ${JSON.stringify(text)}`);
      }
    } finally {
      memo.dispose();
    }
  });

  it('describes an edit as the span between the common prefix and suffix, in UTF-16 code units', () => {
    assert.equal(editBetween('same', 'same'), undefined);
    assert.deepEqual(editBetween('ab\ncd\nef', 'ab\ncXd\nef'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    // One emoji replaced by another shares its high surrogate: the edit still covers both halves.
    const e = editBetween('x🐍y', 'x🐳y')!;
    assert.deepEqual([e.startIndex, e.oldEndIndex, e.newEndIndex], [1, 3, 3]);
  });
});

describe('the editor worker keeps each document parse for the next edit', () => {
  const linter = new WorkerLinter();
  after(() => linter.end());

  it('answers every version of an edited document as a fresh check does', async () => {
    const pick = rng(11);
    let text = SOURCE;
    for (let step = 0; step < 30; step++) {
      text = randomEdit(text, pick);
      const kept = await linter.lint(text, 'python', { profile: gen3 }, 'file:///w/app.py');
      const fresh = await lint(text, 'python', { profile: gen3 });
      assert.deepEqual(kept.findings, fresh.findings.slice(0, 1000), `step ${step}`);
      // Another open document between two edits of this one: each has its own last parse.
      await linter.lint('import hashlib\nhashlib.md5(b"")\n', 'python', { profile: gen3 }, 'file:///w/other.py');
    }
  });
});
