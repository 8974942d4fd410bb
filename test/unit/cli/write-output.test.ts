import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  createReadStream,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, othersMay, run, tempTree } from '../helpers/cli';

// Repros F03, F04, F05 and F14 of shared/repros/reliability, as tests.
const BAD = 'FROM python:3.13-slim\nUSER gen3\n';
const ONLY = ['--select', 'IMG001'];
const asRoot = process.getuid?.() === 0;

describe('check --output: where the report may and may not go', { concurrency: true }, () => {
  it('a symbolic link planted in the repository is refused, and its target stays untouched (F14)', async () => {
    const outside = tempTree({ 'victim.txt': 'precious\n' });
    const cwd = tempTree({ Dockerfile: BAD });
    symlinkSync(join(outside, 'victim.txt'), join(cwd, 'container-standards.sarif'));
    const r = await run(['check', '.', '--format', 'sarif', '--output', 'container-standards.sarif', ...ONLY], { cwd });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `container-standards: will not write the report: 'container-standards.sarif' is a symbolic link (to '${join(outside, 'victim.txt')}'); give the file it points to itself, or another --output path\n`,
    );
    assert.equal(readFileSync(join(outside, 'victim.txt'), 'utf8'), 'precious\n');
    assert.ok(lstatSync(join(cwd, 'container-standards.sarif')).isSymbolicLink());
    assert.equal(readlinkSync(join(cwd, 'container-standards.sarif')), join(outside, 'victim.txt'));
  });

  it('naming the link target itself writes there', async () => {
    const outside = tempTree({ 'report.sarif': 'old\n' });
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await run(['check', '--format', 'sarif', '--output', join(outside, 'report.sarif'), ...ONLY], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(readFileSync(join(outside, 'report.sarif'), 'utf8')).runs[0].results[0].ruleId, 'IMG001');
  });

  it('/dev/stdout writes into a pipe (F04)', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await run(['check', '--stdin', '--output', '/dev/stdout', ...ONLY], { cwd, input: BAD });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /IMG001/);
  });

  it('/dev/stdout appends to a log opened with >>, keeping what was there (F04)', () => {
    const cwd = tempTree({ Dockerfile: BAD, 'build.log': 'earlier line 1\nline 2\n' });
    const log = openSync(join(cwd, 'build.log'), 'a');
    const r = spawnSync(process.execPath, [CLI, 'check', '--output', '/dev/stdout', ...ONLY], {
      cwd,
      stdio: ['ignore', log, 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    closeSync(log);
    assert.equal(r.status, 1, String(r.stderr));
    const text = readFileSync(join(cwd, 'build.log'), 'utf8');
    assert.ok(text.startsWith('earlier line 1\nline 2\n'), text);
    assert.match(text.slice(22), /IMG001/);
    assert.ok(lstatSync(join(cwd, 'build.log')).isFile());
  });

  it('/dev/stderr writes into standard error', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await run(['check', '--output', '/dev/stderr', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /IMG001/);
  });

  it('a FIFO is written through, and stays a FIFO', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const fifo = join(cwd, 'report.pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const received = new Promise<string>((done, fail) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => done(text))
        .on('error', fail);
    });
    const r = await run(['check', '--output', fifo, ...ONLY], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.match(await received, /IMG001/);
    assert.ok(lstatSync(fifo).isFIFO());
  });

  it('a character device is written through and not replaced by a file (F03)', async (t) => {
    // A private node for the null device, so a regression replaces only our copy, never the system's /dev/null.
    if (!asRoot) return t.skip('making a device node needs root');
    const cwd = tempTree({ Dockerfile: BAD });
    const dev = join(cwd, 'null');
    assert.equal(spawnSync('mknod', [dev, 'c', '1', '3']).status, 0);
    const r = await run(['check', '--output', dev, ...ONLY], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(lstatSync(dev).isCharacterDevice());
    assert.equal(readFileSync(dev, 'utf8'), '');
    assert.deepEqual(readdirSync(cwd).sort(), ['Dockerfile', 'null'], 'no temporary file is left behind');
  });

  it('a directory is refused', async () => {
    const cwd = tempTree({ Dockerfile: BAD, 'out/keep': 'x' });
    const r = await run(['check', '--output', 'out', ...ONLY], { cwd });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "container-standards: will not write the report: 'out' is a directory; give --output a file name\n");
  });

  it('a regular file is replaced whole and keeps its mode; no temporary file is left', async () => {
    const cwd = tempTree({ Dockerfile: BAD, 'report.txt': 'old report\n' });
    chmodSync(join(cwd, 'report.txt'), 0o640);
    const r = await run(['check', '--output', 'report.txt', ...ONLY], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.match(readFileSync(join(cwd, 'report.txt'), 'utf8'), /IMG001/);
    assert.doesNotMatch(readFileSync(join(cwd, 'report.txt'), 'utf8'), /old report/);
    assert.equal(statSync(join(cwd, 'report.txt')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(cwd).sort(), ['Dockerfile', 'report.txt']);
  });

  it('never truncates a file it cannot replace (its folder is not writable)', async (t) => {
    const cwd = tempTree({ Dockerfile: BAD });
    const locked = join(cwd, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'report.txt'), 'old report\n');
    chmodSync(join(locked, 'report.txt'), 0o666);
    chmodSync(locked, 0o555);
    chmodSync(cwd, 0o777);
    // Root writes anywhere, so run as an unprivileged user then, from a copy of the CLI it can reach.
    const cli = join(tempTree(), 'cli.js');
    copyFileSync(CLI, cli);
    chmodSync(cli, 0o644);
    if (asRoot && !(othersMay(process.execPath, 0o5) && othersMay(cli, 0o4))) return t.skip('no unprivileged user can run node here');
    const r = await run(['check', '--output', 'locked/report.txt', ...ONLY], { cwd, cli, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "container-standards: cannot write the report to 'locked/report.txt': permission denied; choose another --output path\n");
    assert.equal(readFileSync(join(locked, 'report.txt'), 'utf8'), 'old report\n');
  });
});

describe('check --select with no rule (F05)', { concurrency: true }, () => {
  const cwd = tempTree({ Dockerfile: BAD });
  for (const value of ['', ',', ' , ']) {
    it(`--select ${JSON.stringify(value)} is a usage error, exit 2`, async () => {
      const r = await run(['check', '--select', value], { cwd });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        'container-standards: --select names no rule; give rule codes, prefixes or names (e.g. --select IMG,USR001), or leave --select out to run every rule\n',
      );
    });
  }
});
