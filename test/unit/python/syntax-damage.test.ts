import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pythonDamage } from '../../../server/src/engine/python/syntax';

// What tree-sitter's grammar accepts and CPython rejects still counts as damage when a fix brings it in.
describe('Python syntax damage beyond tree-sitter errors', () => {
  const broken = 'the result would not parse as Python';
  for (const [name, before, after] of [
    ['a comma first in a call', 'f(x)\n', 'f(,)\n'],
    ['a comma before the first argument', 'f(x, y)\n', 'f(, y)\n'],
    ['a comma first in a tuple', 'x = (1,)\n', 'x = (,)\n'],
    ['a comma first in a subscript', 'x[1]\n', 'x[,1]\n'],
    [
      'a statement before the docstring and __future__ import',
      '"d"\nfrom __future__ import a\nimport b\n',
      'import c\n"d"\nfrom __future__ import a\nimport b\n',
    ],
    ['a statement before __future__ after comments', '# c\nfrom __future__ import a\n', '# c\nimport c\nfrom __future__ import a\n'],
  ]) {
    it(name, async () => assert.equal(await pythonDamage(before, after), broken));
  }
  for (const [name, text] of [
    ['a docstring of adjacent literals before __future__', '"doc"""\nfrom __future__ import annotations\nimport x\n'],
    ['a parenthesised docstring before __future__', '("doc")\n# c\nfrom __future__ import annotations\nfrom __future__ import division\n'],
    ['an empty call and a trailing comma', 'f()\ng(x,)\n'],
  ]) {
    it(`not: ${name}`, async () => assert.equal(await pythonDamage('', text), undefined));
  }
});
