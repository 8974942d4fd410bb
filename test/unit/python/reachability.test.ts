import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint, type Profile } from '../../../server/src/engine';

/**
 * Code under a `sys.version_info` test that is false for every Python version the profile supports
 * never runs on the standard's images, so nothing there is reported (issue 8 item 8). Each case marks
 * the lines that must be reported with `# <-`; every other MD5 call must not be.
 */
const gen3 = builtinProfile('gen3')!;
/** A FIPS profile supporting three Pythons, as a team supporting several would write it. */
const several: Profile = { ...gen3, python: { supported: ['3.12', '3.13', '3.14'] } };

async function check(text: string, profile: Profile = gen3) {
  const expected = text.split('\n').flatMap((line, i) => (line.includes('# <-') ? [i + 1] : []));
  const { findings } = await lint(text, 'python', { profile });
  assert.deepEqual(
    findings.map((f) => f.range.start.line + 1),
    expected,
    text,
  );
}

const H = 'import sys\nimport hashlib\n';

describe('Python reachability under sys.version_info', () => {
  it('comparisons of the whole version, a slice, an index and .major/.minor, either way round', async () => {
    await check(
      `${H}if sys.version_info < (3, 9):\n    hashlib.md5(a)\nif (3, 9) > sys.version_info:\n    hashlib.md5(a)\nif sys.version_info[:2] <= (3, 12):\n    hashlib.md5(a)\nif sys.version_info[0] == 2:\n    hashlib.md5(a)\nif sys.version_info.minor < 10:\n    hashlib.md5(a)\nif sys.version_info[1] >= 13:\n    hashlib.md5(a)  # <-\nif sys.version_info[:2] == (3, 13):\n    hashlib.md5(a)  # <-\nif sys.version_info == (3, 13):\n    hashlib.md5(a)\n`,
    );
  });

  it('else and elif branches after a test that is always true are dead, and an elif that is always false', async () => {
    await check(
      `${H}if sys.version_info >= (3,):\n    hashlib.md5(a)  # <-\nelif flag:\n    hashlib.md5(a)\nelse:\n    hashlib.md5(a)\nif flag:\n    hashlib.md5(a)  # <-\nelif sys.version_info < (3, 6):\n    hashlib.md5(a)\nelse:\n    hashlib.md5(a)  # <-\n`,
    );
  });

  it('not, and, or, parentheses and chained comparisons', async () => {
    await check(
      `${H}if not sys.version_info >= (3, 0):\n    hashlib.md5(a)\nif sys.version_info < (3, 9) and flag:\n    hashlib.md5(a)\nif flag or sys.version_info < (3, 9):\n    hashlib.md5(a)  # <-\nif (3, 0) <= sys.version_info < (3, 10):\n    hashlib.md5(a)\nif (sys.version_info < (3, 9)) or (sys.version_info >= (4,)):\n    hashlib.md5(a)\n`,
    );
  });

  it('a conditional expression, and tests inside functions and classes', async () => {
    await check(
      `${H}h = hashlib.md5(a) if sys.version_info < (3, 9) else None\ng = None if sys.version_info >= (3, 9) else hashlib.md5(a)\nk = hashlib.md5(a) if sys.version_info >= (3, 9) else None  # <-\ndef f():\n    if sys.version_info < (3, 9):\n        return hashlib.md5(a)\n    return hashlib.md5(b)  # <-\n`,
    );
  });

  it('an unknown micro version, an unsupported operator or a name the test cannot read: reported', async () => {
    await check(
      `${H}if sys.version_info < (3, 13, 1):\n    hashlib.md5(a)  # <-\nif sys.version_info in versions:\n    hashlib.md5(a)  # <-\nif sys.version_info < MINIMUM:\n    hashlib.md5(a)  # <-\nif PY2:\n    hashlib.md5(a)  # <-\n`,
    );
  });

  it('sys under another name, version_info imported from sys; a local sys is not the module', async () => {
    await check(`import sys as _sys\nimport hashlib\nif _sys.version_info < (3, 9):\n    hashlib.md5(a)\n`);
    await check(`from sys import version_info\nimport hashlib\nif version_info < (3, 9):\n    hashlib.md5(a)\n`);
    await check(`import hashlib\nclass sys:\n    version_info = (2, 7)\nif sys.version_info < (3, 9):\n    hashlib.md5(a)  # <-\n`);
  });

  it('every supported version counts: dead only when the test is false for each of them', async () => {
    const text = `${H}if sys.version_info < (3, 13):\n    hashlib.md5(a)  # <-\nif sys.version_info < (3, 12):\n    hashlib.md5(a)\nif sys.version_info >= (3, 12):\n    pass\nelse:\n    hashlib.md5(a)\n`;
    await check(text, several);
    // Under gen3 (3.13 only) the first branch is dead too.
    await check(text.replace('  # <-', ''));
  });

  it('every Python rule is silenced there, and fixes are not offered', async () => {
    const text = `import sys, hashlib, hmac\nif sys.version_info < (3, 9):\n    hmac.new(k, m, "md5")\n    hashlib.new("md4")\n    algos = [hashlib.md5]\n    store(password_hash=hashlib.md5(pw, usedforsecurity=False))\n`;
    const { findings } = await lint(text, 'python', { profile: gen3 });
    assert.deepEqual(findings, []);
  });

  it('a condition nested a thousand levels deep is read as possibly true, not a crash', async () => {
    const deep = `${'('.repeat(1000)}sys.version_info < (3, 9)${')'.repeat(1000)}`;
    await check(`${H}if ${deep}:\n    hashlib.md5(a)  # <-\n`);
  });
});
