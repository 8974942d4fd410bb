import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readBounded, RefusedFile, SOURCE_LIMIT } from '../../../server/src/cli/bounded';
import { run, tempTree } from '../helpers/cli';

// Issue 11 item 1 for source files (repro F24): only regular files are read, and at most SOURCE_LIMIT
// bytes of them; a folder scan skips anything else with a one-line notice, a named path stops with exit 2.
const BAD = 'FROM python:3.13\nUSER gen3\n';
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('bounded reads of source files (F24)', { concurrency: true, timeout: 60_000 }, () => {
  it('F24: a named path that links to /dev/zero stops at once with exit 2, naming the file', async () => {
    const cwd = tempTree();
    symlinkSync('/dev/zero', join(cwd, 'Dockerfile'));
    const started = Date.now();
    const r = await run(['check', 'Dockerfile'], { cwd });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "container-standards: cannot read 'Dockerfile': it is not a regular file; name a regular file, or pipe it in with --stdin\n");
    assert.ok(Date.now() - started < 15_000);
  });

  it('a named FIFO is refused without blocking on it', async () => {
    const cwd = tempTree();
    mkfifo(join(cwd, 'app.py'));
    const r = await run(['check', 'app.py'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read 'app\.py': it is not a regular file/);
  });

  it('a folder scan skips FIFOs and device links with one notice each and checks the rest', async () => {
    const cwd = tempTree({ 'svc/Dockerfile': BAD });
    mkfifo(join(cwd, 'Dockerfile'));
    mkfifo(join(cwd, 'tool.py'));
    symlinkSync('/dev/zero', join(cwd, 'zero.Dockerfile'));
    symlinkSync('/dev/null', join(cwd, 'Containerfile'));
    mkfifo(join(cwd, 'notes.txt')); // not a source name: nothing to say
    const r = await run(['check', '--format', 'json'], { cwd });
    assert.equal(r.code, 1);
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      // A link out of the folder is refused before its target is even looked at.
      "container-standards: skipped 'Containerfile': it links outside the folder being checked",
      "container-standards: skipped 'Dockerfile': it is not a regular file",
      "container-standards: skipped 'tool.py': it is not a regular file",
      "container-standards: skipped 'zero.Dockerfile': it links outside the folder being checked",
    ]);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      [join('svc', 'Dockerfile')],
    );
  });

  it('a file over 5 MB is skipped with a notice in a folder and refused with exit 2 when named', async () => {
    const cwd = tempTree({ 'svc/Dockerfile': BAD });
    writeFileSync(join(cwd, 'big.py'), '#'.repeat(SOURCE_LIMIT + 1));
    const scan = await run(['check', '-q'], { cwd });
    assert.equal(scan.code, 1);
    assert.equal(scan.stderr, "container-standards: skipped 'big.py': it is larger than 5 MB (the limit for this kind of file)\n");
    const named = await run(['check', 'big.py'], { cwd });
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^container-standards: cannot read 'big\.py': it is larger than 5 MB .*; files over 5 MB are not checked; leave it out\n$/);
  });

  it('standard input over 5 MB is refused with exit 2', async () => {
    const r = await run(['check', '--stdin', '--stdin-filename', 'a.py'], { cwd: tempTree(), input: '#'.repeat(SOURCE_LIMIT + 1) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read standard input: it is larger than 5 MB/);
  });

  it('readBounded returns a file of exactly the limit and refuses one byte more', () => {
    const cwd = tempTree({ a: 'x'.repeat(100), b: 'x'.repeat(101) });
    assert.equal(readBounded(join(cwd, 'a'), 100).length, 100);
    assert.throws(
      () => readBounded(join(cwd, 'b'), 100),
      (e) => e instanceof RefusedFile && e.why === 'too-large',
    );
    assert.throws(
      () => readBounded('/dev/zero', 100),
      (e) => e instanceof RefusedFile && e.why === 'not-regular',
    );
    assert.throws(
      () => readBounded(cwd, 100),
      (e) => e instanceof RefusedFile && e.why === 'not-regular',
    );
  });

  it('reads every byte of a file whatever its size: one buffer when it fits, grown when a file says less than it has', () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
    const cwd = tempTree({ empty: '' });
    writeFileSync(join(cwd, 'big'), bytes);
    assert.deepEqual(readBounded(join(cwd, 'big'), SOURCE_LIMIT), bytes);
    assert.equal(readBounded(join(cwd, 'empty'), SOURCE_LIMIT).length, 0);
    // /proc files say they are empty: the buffer grows from one byte to whatever they hold.
    assert.match(readBounded('/proc/self/status', SOURCE_LIMIT).toString(), /^Name:/);
    assert.throws(
      () => readBounded('/proc/self/status', 10),
      (e) => e instanceof RefusedFile && e.why === 'too-large',
    );
  });

  it('standard input longer than the first 64 KiB is read whole', async () => {
    const input = `FROM python:3.13\n${'# padding line\n'.repeat(20_000)}USER root\n`;
    const r = await run(['check', '--stdin', '--stdin-filename', 'Dockerfile', '--format', 'concise'], { cwd: tempTree(), input });
    assert.match(r.stdout, /^Dockerfile:20002:\d+: \w+ USR002 /m, 'the finding on the last line was read');
  });
});
