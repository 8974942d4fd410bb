import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, tempTree } from '../helpers/cli';

/**
 * Regression tests for the fix and text repros (shared/repros/reliability F01, F02, F06, F07, F12, F13,
 * F20, F25): `--fix` must change no byte outside its edits, never write a file that does not parse, and
 * never end "clean" on a file it could not check.
 */
async function fix(name: string, bytes: Buffer, flag = '--fix') {
  const dir = tempTree();
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = await run(['check', name, flag, '--format', 'json'], { cwd: dir });
  return { ...r, bytes: readFileSync(file), report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

const B = 'quay.io/cdis/amazonlinux-base';

describe('fixes keep every byte outside their edits', () => {
  it('CR-only line endings: the fix lands on the right line (F01)', async () => {
    const r = await fix('Dockerfile', Buffer.from(`FROM ${B}:3.13-pythonbase\rUSER root\rCMD ["x"]\r`));
    assert.equal(r.bytes.toString('latin1'), `FROM ${B}:3.13-pythonbase\rUSER gen3\rCMD ["x"]\r`);
    assert.equal(r.code, 0);
  });

  it('invalid UTF-8 in a comment survives a fix elsewhere (F06)', async () => {
    const before = Buffer.concat([
      Buffer.from('# caf\xe9 \xff\xfe latin-1 comment\n', 'latin1'),
      Buffer.from(`FROM ${B}:3.13-pythonbase\nUSER root\nCMD ["x"]\n`),
    ]);
    const r = await fix('Dockerfile', before);
    assert.deepEqual(r.bytes, Buffer.from(before.toString('latin1').replace('USER root', 'USER gen3'), 'latin1'));
  });

  it('invalid UTF-8 after a UTF-8 BOM: the fix lands on its own bytes, not three bytes early', async () => {
    // The lossy decoder counts byte offsets from the end of the BOM; the splice must add the BOM back.
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`FROM ${B}:3.13-pythonbase\r\nUSER root\r\nCMD ["x"]\r\n# \xfe\n`, 'latin1')]);
    const r = await fix('Dockerfile', before);
    assert.deepEqual(r.bytes, Buffer.from(before.toString('latin1').replace('USER root', 'USER gen3'), 'latin1'));
    assert.equal(r.code, 0);
  });

  it('the same in Python: a UTF-8 BOM and an invalid byte, the flag lands after the argument', async () => {
    // Found by the Python property test (100,000 cases, seed 7).
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import hashlib\nh = hashlib.md5(b"x")\n# \xab\n', 'latin1')]);
    const r = await fix('bom.py', before);
    assert.deepEqual(r.bytes, Buffer.from(before.toString('latin1').replace('b"x")', 'b"x", usedforsecurity=False)'), 'latin1'));
    assert.equal(r.code, 0);
  });

  it('a PEP 263 latin-1 file keeps its literal and gets the flag (F06)', async () => {
    const before = Buffer.from('# -*- coding: latin-1 -*-\nimport hashlib\nNAME = "Jos\xe9"\nh = hashlib.md5(NAME.encode("latin-1"))\n', 'latin1');
    const r = await fix('legacy.py', before);
    assert.deepEqual(r.bytes, Buffer.from(before.toString('latin1').replace('"latin-1"))', '"latin-1"), usedforsecurity=False)'), 'latin1'));
    assert.equal(r.code, 0);
  });

  it('a UTF-16 Dockerfile is checked, not passed as clean, and fixed in UTF-16 (F07)', async () => {
    const text = `FROM ${B}:3.13-pythonbase\nUSER root\nCMD ["x"]\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const dir = tempTree();
    writeFileSync(join(dir, 'Dockerfile'), bytes);
    const checked = await run(['check', 'Dockerfile', '--format', 'json'], { cwd: dir });
    assert.equal(checked.code, 1);
    assert.deepEqual(
      JSON.parse(checked.stdout).files[0].findings.map((f: { code: string }) => f.code),
      ['USR002'],
    );
    const r = await fix('Dockerfile', bytes);
    assert.equal(r.code, 0);
    assert.deepEqual(r.bytes, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('USER root', 'USER gen3'), 'utf16le')]));
  });

  it('UTF-32 and binary files are an input error, never clean', async () => {
    const dir = tempTree();
    writeFileSync(join(dir, 'Dockerfile'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('F\0\0\0')]));
    const r = await run(['check', 'Dockerfile'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot check 'Dockerfile': it is UTF-32/);
  });

  it('a backslash escape in FROM does not shift ranges or split a character (F13)', async () => {
    // gunicorn: evidence of a Python application, so the unknown tag is judged (IMG002), not left to SCP001.
    const r = await fix('Dockerfile', Buffer.from(`FROM ${B}:\\\u{1F433}\nCMD ["gunicorn"]\n`), '--fix-unsafe');
    const img002 = r.report.files[0].findings.find((f: { code: string }) => f.code === 'IMG002');
    assert.deepEqual(
      [img002.start, img002.end],
      [
        { line: 1, column: 6 },
        { line: 1, column: 39 },
      ],
    );
    const v = await fix('Dockerfile', Buffer.from('FROM ${:+\\}:l'), '--fix-unsafe');
    assert.equal(v.report.summary.droppedFixes, 0);
    assert.equal(v.code, 0, v.stdout);
  });
});

describe('a fix that would break the file is dropped and reported', () => {
  it("black's one-argument layout gets a comma before the flag (F02)", async () => {
    const r = await fix('a.py', Buffer.from('import hashlib\nh = hashlib.md5(\n    data\n)\n'));
    assert.equal(r.bytes.toString(), 'import hashlib\nh = hashlib.md5(\n    data,\n    usedforsecurity=False\n)\n');
  });

  it('USER inside an unterminated heredoc is never written (F12)', async () => {
    const before = Buffer.from(`FROM ${B}:3.13-pythonbase\nRUN <<EOF\necho hi\n`);
    const r = await fix('Dockerfile', before);
    assert.deepEqual(r.bytes, before);
    assert.equal(r.code, 1);
    assert.equal(r.report.summary.droppedFixes, 1);
    assert.match(r.report.files[0].droppedFixes[0].reason, /would no longer parse/);
  });

  it('CR-only Python is read with CPython line ends (F20)', async () => {
    const before = Buffer.from('import hashlib\rh = hashlib.md5(b"x")\r');
    const r = await fix('a.py', before, '--fix-unsafe');
    assert.equal(r.bytes.toString(), 'import hashlib\rh = hashlib.md5(b"x", usedforsecurity=False)\r');
  });

  it('a comment after the last argument: no lone comma; the password hash ends on SHA-256 (F25)', async () => {
    const before = Buffer.from('import hashlib\npasswd = hashlib.md5(data,  # the password\n)\n');
    const r = await fix('a.py', before, '--fix-unsafe');
    assert.doesNotMatch(r.bytes.toString(), /^\s*,\s*$/m);
    assert.equal(r.report.summary.droppedFixes, 0);
    // FIPS005's SHA-256 fix now drops the flag cleanly after a comment, so --fix-unsafe can finish the job.
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.bytes.toString(), /^passwd = hashlib\.sha256\(data,  # the password$/m);
  });
});
