import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint, ParseMemo, type LintOptions, type LintResult } from '../../../server/src/engine';
import { reuseStats } from '../../../server/src/engine/python/reuse';
import { rng } from '../helpers/rng';

/**
 * The editor re-checks only the module-level statements an edit touched and carries the other findings
 * over from the last check (python/reuse.ts). After every edit of a random sequence, what it reports
 * must be what a full check of the same text reports: findings, fixes, and both suppression edits.
 */
const gen3 = builtinProfile('gen3')!;

const SOURCE = [
  '#!/usr/bin/env python3',
  '"""Helpers: Grüße 🐍."""',
  'from __future__ import annotations',
  'import hashlib',
  'import functools',
  'import sys',
  'from hmac import new as hnew',
  '',
  'try:',
  '    from hashlib import md5',
  'except ImportError:',
  '    md5 = None',
  '',
  'def digest(data, password):',
  '    h = hashlib.md5(data)',
  '    token = hashlib.md5(password.encode()).hexdigest()  # noqa: S324',
  '    return h.hexdigest(), token',
  '',
  'class Signer:',
  '    algo = hashlib.md5',
  '    def sign(self, key, msg):',
  "        return hnew(key, msg, 'md5')",
  '',
  'if sys.version_info < (3, 0):',
  '    legacy = hashlib.md5(b"x")',
  '',
  "h = hashlib.new('md5')",
  'maker = functools.partial(hashlib.md5)',
  'table = {"etag": md5(b"body")}',
  '',
  'def later():',
  '    return alias.md5(b"late")',
  '',
  'alias = hashlib',
  '',
].join('\n');

/** Whole lines an edit may write: ones that bind or rebind names, import, use hashlib, or are file-wide pragmas. */
const LINES = [
  'import hashlib',
  'import hashlib as alias',
  'from hashlib import md5',
  'from hashlib import *',
  'import hmac',
  'md5 = None',
  'hashlib = None',
  'alias = hashlib',
  'x = hashlib.md5(b"a")',
  'y = alias.md5(data)',
  'z = md5(b"x")  # noqa',
  'w = hashlib.new("md5")  # noqa: FIPS002',
  'k = hashlib.md5',
  'f = functools.partial(hashlib.md5)',
  'password_hash = hashlib.md5(password.encode())',
  'if sys.version_info >= (3, 0):',
  'if sys.version_info >= (3, 0): k = hashlib.md5(b"")',
  'def md5(): pass',
  'def helper(md5=hashlib.md5): return md5',
  'class Holder: algo = hashlib.md5',
  'try: import hashlib\nexcept ImportError: hashlib = None',
  'for hashlib in []: pass',
  '(n := hashlib.md5)',
  'lambda: hashlib.md5()',
  'try:',
  'return hashlib.sha1(b"")',
  'pass',
  'a = hashlib.md5(b"1"); b = 2',
  'b = 2; a = hashlib.md5(b"1")',
  '"""A docstring."""',
  '# a comment',
  '# container-standards ignore-file=FIPS001',
  '# ruff: noqa: S324',
  '',
];
const INDENTS = ['', '', '    ', '        '];
const PIECES = [' ', 'x', '\n', '(', ')', ':', '"', '#', 'md5', 'hashlib.', '    ', 'é', '🐍', '\\'];

/** An edit as typing makes them: mostly whole lines written, replaced or removed, sometimes a few characters anywhere. */
function randomEdit(text: string, eol: string, pick: (n: number) => number): string {
  const lines = text.split(eol);
  const at = pick(lines.length);
  // Mostly the indentation of the line there, as an editor keeps it (else the file rarely parses).
  const indent = pick(4) ? (/^[ ]*/.exec(lines[at])?.[0] ?? '') : INDENTS[pick(INDENTS.length)];
  const line = indent + LINES[pick(LINES.length)];
  switch (pick(6)) {
    case 0:
      lines.splice(at, 0, line);
      return lines.join(eol);
    case 1:
      lines[at] = line;
      return lines.join(eol);
    case 2:
      lines.splice(at, 1);
      return lines.join(eol);
    case 3:
    case 4: {
      // Typing at the end of a line.
      lines[at] += PIECES[pick(PIECES.length)];
      return lines.join(eol);
    }
    default: {
      const fix = (i: number) => (i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]) ? i - 1 : i);
      const start = fix(pick(text.length + 1));
      const end = fix(Math.min(text.length, start + pick(4)));
      return text.slice(0, start) + PIECES[pick(PIECES.length)] + text.slice(Math.max(start, end));
    }
  }
}

/** Everything the editor shows and offers for a check. */
function shown(result: LintResult): string {
  return JSON.stringify(result.findings.map((f) => ({ f, line: result.suppressionEdit(f), file: result.fileSuppressionEdit(f) })));
}

async function sequence(seed: number, eol: string, steps: number, options: Omit<LintOptions, 'memo'> = { profile: gen3 }): Promise<void> {
  const pick = rng(seed);
  const memo = new ParseMemo();
  let text = SOURCE.split('\n').join(eol);
  try {
    for (let step = 0; step < steps; step++) {
      // Now and then back to the start: a file that stays broken would only ever get full checks.
      text = step % 6 === 5 ? SOURCE.split('\n').join(eol) : randomEdit(text, eol, pick);
      const again = await lint(text, 'python', { ...options, memo });
      const full = await lint(text, 'python', options);
      assert.equal(shown(again), shown(full), `seed ${seed}, step ${step}: ${JSON.stringify(text)}`);
    }
  } finally {
    memo.dispose();
  }
}

describe('re-checking only the statements an edit touched (python/reuse.ts)', () => {
  it('reports what a full check reports after each of 600 random edits (LF and CRLF), and carries findings over in many of them', async () => {
    const before = { ...reuseStats };
    for (const seed of [1, 2, 3]) await sequence(seed, '\n', 150);
    for (const seed of [4, 5]) await sequence(seed, '\r\n', 75);
    const partial = reuseStats.partial - before.partial;
    const full = reuseStats.full - before.full;
    // Without this the test could pass with reuse never taken.
    assert.ok(partial >= 150, `only ${partial} of ${partial + full} checks carried findings over`);
    assert.ok(full >= 30, `only ${full} full checks: the edits never hit what forces one`);
  });

  it('carries nothing over to a check under other rule settings', async () => {
    const memo = new ParseMemo();
    try {
      await lint(SOURCE, 'python', { profile: gen3, memo });
      const edited = SOURCE.replace("h = hashlib.new('md5')", "h = hashlib.new('md5') ");
      const options: LintOptions = { profile: gen3, rules: { FIPS001: 'off', FIPS002: 'error' } };
      assert.equal(shown(await lint(edited, 'python', { ...options, memo })), shown(await lint(edited, 'python', options)));
    } finally {
      memo.dispose();
    }
  });

  /** Checks `texts` one after the other with one memo, each against a full check; returns how many carried findings over. */
  async function edits(...texts: string[]): Promise<number> {
    const memo = new ParseMemo();
    const before = reuseStats.partial;
    try {
      for (const text of texts) assert.equal(shown(await lint(text, 'python', { profile: gen3, memo })), shown(await lint(text, 'python', { profile: gen3 })));
    } finally {
      memo.dispose();
    }
    return reuseStats.partial - before;
  }

  it("moves the later statements' bindings with the edit: a long insertion does not put them before the edited uses", async () => {
    const text = ['from hashlib import md5', 'def f():', '    return md5(b"x")', 'md5 = None', ''].join('\n');
    const longer = text.replace('    return', `    # ${'x'.repeat(100)}\n    return`);
    assert.equal(await edits(text, longer), 1);
  });

  it('re-reads every statement on the edited lines (`a = …; b = 2`)', async () => {
    const text = ['import hashlib', 'a = hashlib.md5(b"1"); b = 2', 'b = 2; c = hashlib.md5(b"1")', ''].join('\n');
    assert.equal(await edits(text, text.replace('b = 2;', 'b = 3;'), text.replace('; b = 2', '; b = 3')), 2);
  });

  it('checks in full when the edit moves where a new import goes (a fix carried over would insert it on the wrong line)', async () => {
    const text = ['#!/usr/bin/env python3', '"""Doc."""', 'import hashlib', '', 'algo = hashlib.md5', ''].join('\n');
    // A bytes literal is no docstring: `import functools` now goes right after the shebang.
    assert.equal(await edits(text, text.replace('"""Doc', 'b"""Doc')), 0);
    // A docstring one line longer: the import line moves with it, and the finding is carried over.
    assert.equal(await edits(text, text.replace('"""Doc."""', '"""Doc,\nmore."""')), 1);
  });

  it('re-reads only the edited statement: an edit inside one function carries the rest over', async () => {
    const memo = new ParseMemo();
    try {
      await lint(SOURCE, 'python', { profile: gen3, memo });
      const before = reuseStats.partial;
      const edited = SOURCE.replace('    h = hashlib.md5(data)', '    h = hashlib.md5(data, usedforsecurity=False)');
      const again = await lint(edited, 'python', { profile: gen3, memo });
      assert.equal(reuseStats.partial, before + 1);
      assert.equal(shown(again), shown(await lint(edited, 'python', { profile: gen3 })));
    } finally {
      memo.dispose();
    }
  });
});
