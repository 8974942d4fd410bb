import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { InOrder } from '../../../server/src/cli/pool';
import { CLI, run, tempTree } from '../helpers/cli';

const FILES = 60;

/**
 * A tree where every file's findings differ (its own line numbers, image and hash calls), some files are
 * clean and one has a prototype name for an ARG: any file's result dropped, duplicated, swapped with
 * another's or looked up through Object's prototype changes the report.
 */
function tree(): { cwd: string; files: string[] } {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const pad = '\n'.repeat(i % 7);
    if (i % 3 === 0) files[`d${String(i).padStart(2, '0')}/Dockerfile`] = `${pad}FROM python:3.${i % 14}-slim\nUSER root\nCMD ["python"]\n`;
    else if (i % 3 === 1) files[`p${String(i).padStart(2, '0')}/app.py`] = `import hashlib\n${pad}\ndef key${i}(x):\n    return hashlib.md5(x).hexdigest()\n`;
    else files[`c${String(i).padStart(2, '0')}/clean.py`] = `print(${i})\n`;
  }
  files['z/Dockerfile'] = 'ARG constructor\nFROM ${constructor}\nFROM ${toString}:1\n';
  const cwd = tempTree(files);
  return { cwd, files: Object.keys(files).sort() };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InOrder (the pool puts results back in the run order)', () => {
  it('takes every result once, in the order added, however they settle, with at most `limit` unsettled', async () => {
    const taken: number[] = [];
    let unsettled = 0;
    let most = 0;
    const order = new InOrder<number>(4, (n) => taken.push(n));
    for (let i = 0; i < 50; i++) {
      unsettled++;
      most = Math.max(most, unsettled);
      // Later results often settle first.
      await order.add(settle((i * 7) % 5).then(() => (unsettled--, i)));
    }
    await order.drain();
    assert.deepEqual(
      taken,
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.ok(most <= 4, `${most} results were in flight`);
  });

  it('a failed result stops the run there: everything before it is taken, nothing after it', async () => {
    const taken: number[] = [];
    const order = new InOrder<number>(8, (n) => taken.push(n));
    await order.add(settle(5).then(() => 0));
    await order.add(Promise.reject(new Error('file 1 failed')));
    await order.add(Promise.resolve(2));
    await assert.rejects(order.drain(), /file 1 failed/);
    assert.deepEqual(taken, [0]);
  });
});

describe('check --jobs (worker threads)', { concurrency: true }, () => {
  for (const format of ['json', 'text', 'sarif']) {
    it(`${format}: --jobs 3 prints byte for byte what --jobs 1 prints, with the same exit code`, async () => {
      const { cwd } = tree();
      const one = await run(['check', '--no-config', '--format', format, '--jobs', '1', '.'], { cwd });
      const three = await run(['check', '--no-config', '--format', format, '--jobs', '3', '.'], { cwd });
      assert.equal(one.code, 1, one.stderr);
      assert.equal(three.code, one.code, three.stderr);
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
    });
  }

  it('reports every file once, in discovery order', async () => {
    const { cwd, files } = tree();
    const r = await run(['check', '--no-config', '--format', 'json', '--jobs', '4', '.'], { cwd });
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { start: { line: number } }[] }[] };
    assert.deepEqual(
      report.files.map((f) => f.path),
      files,
    );
    // Each Python file's MD5 call is on its own line: a result given to another file would show it.
    for (const f of report.files.filter((f) => f.path.startsWith('p'))) {
      const i = Number(f.path.slice(1, 3));
      assert.ok(
        f.findings.some((x) => x.start.line === 4 + (i % 7)),
        `${f.path}: ${JSON.stringify(f.findings.map((x) => x.start))}`,
      );
    }
  });

  it('the text report streams in the same order, and a file that cannot be read stops the run where one thread stops', async () => {
    const { cwd } = tree();
    // A named file whose kind cannot be told stops the run (exit 2) after the folder before it.
    writeFileSync(join(cwd, 'notes'), 'hello\n');
    const one = await run(['check', '--no-config', '--jobs', '1', 'd00', 'p01', 'd03', 'notes', 'p04'], { cwd });
    const three = await run(['check', '--no-config', '--jobs', '3', 'd00', 'p01', 'd03', 'notes', 'p04'], { cwd });
    assert.equal(one.code, 2);
    assert.equal(three.code, 2);
    assert.equal(three.stdout, one.stdout);
    assert.match(one.stdout, /^d03\/Dockerfile:/m);
    assert.doesNotMatch(one.stdout, /p04/);
    assert.equal(three.stderr, one.stderr);
  });

  it('rejects a --jobs that is not a number of threads', async () => {
    const r = await run(['check', '--jobs', 'many', '.'], { cwd: tempTree() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs 'many' is not a number of threads/);
  });

  // A copy of the bundles whose worker breaks: the run must end with exit 2 naming a file, never wait for ever.
  for (const [name, worker] of [
    ['throws outside a job', "require('node:worker_threads').parentPort.on('message', () => { throw new Error('worker broke'); });\n"],
    ['exits', "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n"],
    ['never answers and then exits', "require('node:worker_threads').parentPort.on('message', () => setTimeout(() => process.exit(0), 50));\n"],
  ]) {
    it(`a worker that ${name} fails the run with exit 2 instead of hanging it`, async () => {
      const dist = tempTree();
      cpSync(dirname(CLI), dist, { recursive: true });
      writeFileSync(join(dist, 'checkWorker.js'), worker);
      const { cwd } = tree();
      const r = await run(['check', '--no-config', '--jobs', '2', '.'], { cwd, cli: join(dist, 'cli.js') });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /checking '[^']+' failed: the worker thread checking it stopped/);
    });
  }

  it('Ctrl-C ends a pooled check at once, workers and all', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`s${i}/app.py`] = `import hashlib\n\n\ndef key(x):\n    return hashlib.md5(x).hexdigest()\n`;
    const cwd = tempTree(files);
    const child = spawn(process.execPath, [CLI, 'check', '--no-config', '--jobs', '2', '.'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    // Interrupt once findings are coming out, with files still to check.
    await new Promise((r) => child.stdout.once('data', r));
    child.kill('SIGINT');
    const ended = await Promise.race([new Promise<string | null>((r) => child.on('exit', (_c, s) => r(s))), settle(10_000).then(() => 'still running')]);
    if (ended === 'still running') child.kill('SIGKILL');
    assert.equal(ended, 'SIGINT');
  });

  it('--fix ignores --jobs: it fixes in one thread, exactly as --jobs 1 does', async () => {
    const fixable = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER root\n';
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`s${i}/Dockerfile`] = fixable;
    const a = tempTree(files);
    const b = tempTree(files);
    const one = await run(['check', '--fix', '--format', 'json', '--jobs', '1', '.'], { cwd: a });
    const four = await run(['check', '--fix', '--format', 'json', '--jobs', '4', '.'], { cwd: b });
    assert.equal(four.code, one.code, four.stderr);
    assert.equal(four.stdout, one.stdout);
    assert.equal(readFileSync(join(a, 's0', 'Dockerfile'), 'utf8'), 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n');
    for (const dir of readdirSync(a)) assert.equal(readFileSync(join(b, dir, 'Dockerfile'), 'utf8'), readFileSync(join(a, dir, 'Dockerfile'), 'utf8'));
  });
});
