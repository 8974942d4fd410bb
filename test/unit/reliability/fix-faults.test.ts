import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readBoundedWithStats } from '../../../server/src/cli/bounded';
import { removeStaleTemps, replaceFile, stampOf } from '../../../server/src/cli/replace';
import { CLI, run, tempTree } from '../helpers/cli';

// Issue 11 item 7 (repros F16, F23): --fix under faults.
const FIXABLE = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER root\n';
const FIXED = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n';
const temps = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => n.endsWith('.tmp'));
const stamped = (path: string) => {
  const { bytes, stats } = readBoundedWithStats(path, 1 << 20);
  return stampOf(stats, bytes);
};
const isRoot = process.getuid?.() === 0;

describe('--fix under faults (F16, F23)', { concurrency: true, timeout: 120_000 }, () => {
  it('F23: a file changed after it was read is not replaced; the summary says so and the edit survives', () => {
    const dir = tempTree({ Dockerfile: FIXABLE });
    const path = join(dir, 'Dockerfile');
    const stamp = stamped(path);
    writeFileSync(path, FIXABLE.replace('USER root', 'USER toor')); // same size, new content
    utimesSync(path, stamp.mtimeMs / 1000, stamp.mtimeMs / 1000); // and even the old mtime: the hash still tells
    const r = replaceFile(path, FIXED, stamp, [dir]);
    assert.deepEqual(r, { ok: false, failed: false, why: 'it changed after it was read, so the fixes (made for the old content) were not written' });
    assert.equal(readFileSync(path, 'utf8'), FIXABLE.replace('USER root', 'USER toor'));
    assert.deepEqual(temps(dir), []);
  });

  it('F23: a file deleted after it was read is not re-created', () => {
    const dir = tempTree({ Dockerfile: FIXABLE });
    const path = join(dir, 'Dockerfile');
    const stamp = stamped(path);
    unlinkSync(path);
    assert.deepEqual(replaceFile(path, FIXED, stamp, [dir]), { ok: false, failed: false, why: 'it was deleted after it was read, so it is not re-created' });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('F23 through the CLI: with 1,500 files, edits and deletions made while --fix runs are never lost or undone', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`s${String(i).padStart(4, '0')}/Dockerfile`] = FIXABLE;
    const cwd = tempTree(files);
    const child = spawn(process.execPath, [CLI, 'check', '--fix', '-q', '--format', 'json'], { cwd });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdout.resume();
    // Once the run has started (reads come first, then fixes file by file), edit the last file and delete the one before.
    await new Promise((r) => setTimeout(r, 1500));
    appendFileSync(join(cwd, 's1499', 'Dockerfile'), '# edited during the run\n');
    unlinkSync(join(cwd, 's1498', 'Dockerfile'));
    const code = await new Promise((r) => child.on('close', r));
    assert.ok(code === 0 || code === 1, stderr);
    assert.match(readFileSync(join(cwd, 's1499', 'Dockerfile'), 'utf8'), /# edited during the run\n$/);
    assert.deepEqual(readdirSync(join(cwd, 's1498')), [], 'the deleted file stays deleted');
    assert.equal(readFileSync(join(cwd, 's0000', 'Dockerfile'), 'utf8'), FIXED);
    assert.deepEqual(temps(cwd), []);
  });

  it('after a write error the run goes on, lists what was fixed and what was not, and exits 2', async () => {
    const cwd = tempTree({ 'a/Dockerfile': FIXABLE, 'b/Dockerfile': FIXABLE, 'c/Dockerfile': FIXABLE });
    // Root may write anywhere: then the run is made as an ordinary user who owns the tree.
    const user = isRoot ? { uid: 65534, gid: 65534 } : {};
    if (isRoot) for (const p of ['', 'a', 'b', 'c', 'a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile']) chownSync(join(cwd, p), 65534, 65534);
    chmodSync(join(cwd, 'b'), 0o555); // no temporary file can be created beside b/Dockerfile
    const r = await run(['check', '--fix', '-q'], { cwd, ...user });
    chmodSync(join(cwd, 'b'), 0o755);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(join(cwd, 'a', 'Dockerfile'), 'utf8'), FIXED);
    assert.equal(readFileSync(join(cwd, 'b', 'Dockerfile'), 'utf8'), FIXABLE);
    assert.equal(readFileSync(join(cwd, 'c', 'Dockerfile'), 'utf8'), FIXED);
    assert.match(r.stderr, /not fixed 'b\/Dockerfile': permission denied/);
    assert.match(r.stderr, /--fix wrote 2 files and left 1 file unfixed; fixed: 'a\/Dockerfile', 'c\/Dockerfile'; not fixed: 'b\/Dockerfile'/);
    assert.match(r.stdout, /b\/Dockerfile:2:6: error USR002/, 'the unfixed file is reported as it is');
  });

  it('F16: the set-user-ID and set-group-ID bits and the owner survive a fix', { skip: isRoot ? false : 'needs root to give a file away' }, async () => {
    const cwd = tempTree({ Dockerfile: FIXABLE });
    const path = join(cwd, 'Dockerfile');
    chownSync(path, 1234, 5678);
    chmodSync(path, 0o6640);
    const r = await run(['check', '--fix', '-q'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path, 'utf8'), FIXED);
    const st = statSync(path);
    assert.equal(st.mode & 0o7777, 0o6640);
    assert.deepEqual([st.uid, st.gid], [1234, 5678]);
  });

  it('the mode survives a fix, set-group-ID included, for the file owner', async () => {
    const cwd = tempTree({ Dockerfile: FIXABLE });
    const path = join(cwd, 'Dockerfile');
    chmodSync(path, 0o2750);
    const r = await run(['check', '--fix', '-q'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(path).mode & 0o7777, 0o2750);
  });

  it('a file with another hard link is not replaced (the link would split); the summary says so', async () => {
    const cwd = tempTree({ 'svc/Dockerfile': FIXABLE, 'ok/Dockerfile': FIXABLE });
    linkSync(join(cwd, 'svc', 'Dockerfile'), join(cwd, 'elsewhere'));
    const r = await run(['check', '--fix', '-q'], { cwd });
    assert.equal(r.code, 1, 'the unfixed file keeps its finding');
    assert.equal(readFileSync(join(cwd, 'elsewhere'), 'utf8'), FIXABLE);
    assert.equal(readFileSync(join(cwd, 'svc', 'Dockerfile'), 'utf8'), FIXABLE);
    assert.equal(statSync(join(cwd, 'svc', 'Dockerfile')).nlink, 2);
    assert.equal(readFileSync(join(cwd, 'ok', 'Dockerfile'), 'utf8'), FIXED);
    assert.match(r.stderr, /not fixed 'svc\/Dockerfile': it has 2 hard links, and replacing it would split them/);
  });

  it('a symlink inside the project is fixed through; one leading outside the checked folders is not followed', async () => {
    const outside = tempTree({ Dockerfile: FIXABLE });
    const cwd = tempTree({ 'real/Dockerfile': FIXABLE });
    mkdirSync(join(cwd, 'links'));
    symlinkSync(join(cwd, 'real', 'Dockerfile'), join(cwd, 'links', 'Dockerfile'));
    symlinkSync(join(outside, 'Dockerfile'), join(cwd, 'links', 'away.Dockerfile'));
    // Scanning 'links': both links lead out of that folder, so the scan does not follow them.
    const r = await run(['check', '--fix', '-q', 'links'], { cwd });
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), FIXABLE);
    assert.match(r.stderr, /skipped 'links\/away\.Dockerfile': it links outside the folder being checked/);
    assert.equal(readFileSync(join(cwd, 'real', 'Dockerfile'), 'utf8'), FIXABLE);
    // Scanning the project: the link to real/Dockerfile stays inside it and is fixed through.
    const all = await run(['check', '--fix', '-q'], { cwd });
    assert.equal(readFileSync(join(cwd, 'real', 'Dockerfile'), 'utf8'), FIXED, all.stderr);
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), FIXABLE);
  });

  it('stale temporary files of a killed run are removed by the next run in that folder; newer ones and others are kept', async () => {
    const cwd = tempTree({
      Dockerfile: FIXABLE,
      '.Dockerfile.0123456789ab.tmp': 'half',
      '.app.py.aaaaaaaaaaaa.tmp': 'half',
      '.notes.0123456789ab.tmp': 'mine',
      '.Dockerfile.fresh0000000.tmp': 'x',
    });
    const old = Date.now() / 1000 - 3600;
    for (const n of ['.Dockerfile.0123456789ab.tmp', '.app.py.aaaaaaaaaaaa.tmp', '.notes.0123456789ab.tmp']) utimesSync(join(cwd, n), old, old);
    const r = await run(['check', '--fix', '-q'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(cwd).sort(), ['.Dockerfile.fresh0000000.tmp', '.notes.0123456789ab.tmp', 'Dockerfile']);
    assert.match(r.stderr, /removed '\.Dockerfile\.0123456789ab\.tmp', a temporary file left by an earlier run that was stopped/);
    // Written after the run started: another run's file in progress, never touched.
    const fresh = tempTree({ '.Dockerfile.bbbbbbbbbbbb.tmp': 'x' });
    assert.deepEqual(removeStaleTemps(fresh, Date.now() - 60_000), []);
  });

  it('SIGINT and SIGTERM during --fix leave no temporary file behind', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`s${i}/Dockerfile`] = FIXABLE;
    for (const [round, signal] of [
      [0, 'SIGINT'],
      [1, 'SIGTERM'],
      [2, 'SIGINT'],
      [3, 'SIGTERM'],
      [4, 'SIGINT'],
      [5, 'SIGTERM'],
    ] as const) {
      const cwd = tempTree(files);
      const child = spawn(process.execPath, [CLI, 'check', '--fix', '-q'], { cwd, stdio: 'ignore' });
      // Wait until fixes are being written, then interrupt at a different moment each round.
      for (let tries = 0; tries < 400 && readFileSync(join(cwd, 's0', 'Dockerfile'), 'utf8') !== FIXED; tries++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 5 + round * 7));
      child.kill(signal);
      const [, sig] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
      assert.deepEqual(temps(cwd), [], `round ${round}: ${signal}`);
      assert.ok(sig === signal || sig === null, `round ${round}: ended by ${sig}`);
    }
  });
});
