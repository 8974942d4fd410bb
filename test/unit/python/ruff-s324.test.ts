import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { builtinProfile, lint } from '../../../server/src/engine';

/**
 * Differential test against ruff's S324 (hashlib-insecure-hash-function) on generated hashlib calls:
 * for each case, does MD5 get reported on the call's line? Where ruff and we disagree, the case must be
 * listed below with the reason we are right; an unlisted disagreement, or a listed one that no longer
 * disagrees, fails the test.
 */
interface Case {
  name: string;
  code: string;
}

const IMPORTS: Array<[string, string, string]> = [
  // [import line, md5 callee, hashlib.new callee]
  ['import hashlib', 'hashlib.md5', 'hashlib.new'],
  ['import hashlib as h', 'h.md5', 'h.new'],
  ['from hashlib import md5, new', 'md5', 'new'],
  ['from hashlib import md5 as m, new as n', 'm', 'n'],
];
const FLAGS = ['', ', usedforsecurity=False', ', usedforsecurity=True', ', usedforsecurity=flag'];

function generate(): Case[] {
  const cases: Case[] = [];
  for (const [imp, md5, fnew] of IMPORTS) {
    for (const flag of FLAGS) {
      cases.push({ name: `${imp} | ${md5}(b"x"${flag})`, code: `${imp}\n${md5}(b"x"${flag})\n` });
      for (const algo of ['"md5"', '"MD5"', 'name="md5"']) {
        cases.push({ name: `${imp} | ${fnew}(${algo}${flag})`, code: `${imp}\n${fnew}(${algo}${flag})\n` });
      }
    }
  }
  const extra: Array<[string, string]> = [
    ['sha1 call', 'import hashlib\nhashlib.sha1(b"x")\n'],
    ['new("sha1")', 'import hashlib\nhashlib.new("sha1")\n'],
    ['hmac with hashlib.md5', 'import hashlib, hmac\nhmac.new(b"k", b"m", hashlib.md5)\n'],
    ['hmac with digestmod="md5"', 'import hmac\nhmac.new(b"k", b"m", digestmod="md5")\n'],
    ['pbkdf2_hmac("md5")', 'import hashlib\nhashlib.pbkdf2_hmac("md5", b"p", b"s", 1)\n'],
    ['md5 reference in a list', 'import hashlib\nalgos = [hashlib.md5]\n'],
    ['local def md5', 'def md5(x):\n    return x\nmd5(b"x")\n'],
    ['shadowed import', 'from hashlib import md5\ndef md5(x):\n    return x\nmd5(b"x")\n'],
    ['md5 in a string', 'import hashlib\ns = "hashlib.md5(b\'x\')"\n'],
    ['multi-line call', 'import hashlib\nhashlib.md5(\n    b"x",\n)\n'],
    ['sha256', 'import hashlib\nhashlib.sha256(b"x")\n'],
  ];
  for (const [name, code] of extra) cases.push({ name, code });
  return cases;
}

/** Disagreements on MD5, and why ours is the answer the FIPS standard needs. */
const KNOWN: Record<string, string> = {
  'sha1 call': 'SHA-1 works in FIPS mode; ruff flags it as a weak hash, which is not what this FIPS linter is for.',
  'new("sha1")': 'Same: SHA-1 is available in FIPS mode.',
  'hmac with hashlib.md5': 'ruff only looks at hashlib calls; HMAC-MD5 raises in FIPS mode and usedforsecurity cannot help (FIPS003).',
  'hmac with digestmod="md5"': 'Same as above (FIPS003).',
  'pbkdf2_hmac("md5")': 'ruff only checks hash constructors; PBKDF2-HMAC-MD5 raises in FIPS mode and takes no usedforsecurity (FIPS003).',
  'md5 reference in a list': 'ruff only sees calls; a stored hashlib.md5 fails when it is called later (FIPS004).',
};
// Aliases (`import hashlib as h`, `from hashlib import md5 as m`) and shadowing: ruff 0.17 resolves them
// as we do, so those cases must agree.

async function ours(code: string): Promise<boolean> {
  const { findings } = await lint(code, 'python', { profile: builtinProfile('gen3')! });
  return findings.some((f) => ['FIPS001', 'FIPS003', 'FIPS004'].includes(f.code));
}

function theirs(workspace: Workspace, code: string): boolean {
  return (workspace.check(code) as Array<{ code: string }>).some((d) => d.code === 'S324');
}

describe('differential test against ruff S324', () => {
  const workspace = new Workspace({ lint: { select: ['S324'] } }, PositionEncoding.Utf16);
  const cases = generate();

  it(`agrees on every generated case except the listed differences (${cases.length} cases)`, async () => {
    const unexplained: string[] = [];
    const stale: string[] = [];
    for (const c of cases) {
      const [a, b] = [await ours(c.code), theirs(workspace, c.code)];
      const reason = KNOWN[c.name];
      if (a !== b) {
        if (!reason) unexplained.push(`${c.name}: ours=${a} ruff=${b}`);
      } else if (KNOWN[c.name]) {
        stale.push(`${c.name}: now agrees (ours=${a}); remove it from KNOWN`);
      }
    }
    assert.deepEqual(unexplained, [], 'disagreements without a reason');
    assert.deepEqual(stale, [], 'listed differences that no longer differ');
  });

  it('both report the plain cases the standard is about', async () => {
    for (const code of [
      'import hashlib\nhashlib.md5(b"x")\n',
      'import hashlib\nhashlib.new("MD5")\n',
      'import hashlib\nhashlib.md5(b"x", usedforsecurity=True)\n',
    ]) {
      assert.equal(await ours(code), true, code);
      assert.equal(theirs(workspace, code), true, code);
    }
    for (const code of ['import hashlib\nhashlib.md5(b"x", usedforsecurity=False)\n', 'import hashlib\nhashlib.sha256(b"x")\n']) {
      assert.equal(await ours(code), false, code);
      assert.equal(theirs(workspace, code), false, code);
    }
  });
});
