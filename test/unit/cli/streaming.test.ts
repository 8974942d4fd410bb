import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { CLI, run, tempTree } from '../helpers/cli';

const BAD_DOCKERFILE = 'FROM python:3.13-slim\nUSER root\nCMD ["python"]\n';
const BAD_PYTHON = 'import hashlib\n\n\ndef key(x):\n    return hashlib.md5(x).hexdigest()\n';

/** A tree with findings in several files and a clean one between them. */
function tree(): string {
  return tempTree({
    'a/Dockerfile': BAD_DOCKERFILE,
    'a/pyproject.toml': '[project]\nname = "a"\n',
    'b/app.py': BAD_PYTHON,
    'c/clean.py': 'print("hello")\n',
    'd/Dockerfile': BAD_DOCKERFILE.replace('3.13', '3.12'),
    'd/setup.py': '',
  });
}

// The check prints each file's findings as soon as it has checked it and keeps only counts (issue 12:
// peak memory must not grow with the tree); what it prints must be what the whole report would be.
describe('check prints its text report file by file (streaming)', { concurrency: true }, () => {
  for (const format of ['text', 'concise']) {
    it(`${format}: stdout is byte for byte the report --output writes`, async () => {
      const cwd = tree();
      const streamed = await run(['check', '--format', format], { cwd });
      const whole = await run(['check', '--format', format, '--output', 'report.txt'], { cwd });
      assert.equal(streamed.code, 1, streamed.stderr);
      assert.equal(whole.code, 1, whole.stderr);
      const written = readFileSync(join(cwd, 'report.txt'), 'utf8');
      assert.equal(streamed.stdout, written);
      // Findings from three files, and the summary counts all of them after the files are dropped.
      for (const file of ['a/Dockerfile', 'b/app.py', 'd/Dockerfile']) assert.match(streamed.stdout, new RegExp(`^${file}:\\d+:\\d+: error`, 'm'));
      assert.match(streamed.stdout, /\d+ errors?(, \d+ warnings?)?(, \d+ info)? in 3 files/);
    });
  }

  it('-q prints the findings only, and the exit code still counts every file', async () => {
    const cwd = tree();
    const r = await run(['check', '-q', '--fail-on', 'error'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /in 3 files/);
    assert.match(r.stdout, /^b\/app\.py:5:\d+: error FIPS001/m);
  });
});

describe('a reader that stops early (check | head)', () => {
  it('stops with exit 2 and one line on stderr, not a stack trace', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`s${i}/app.py`] = BAD_PYTHON;
    const cwd = tempTree(files);
    // `head -c 1` closes the pipe after one byte; bash's PIPESTATUS gives the CLI's own exit code.
    const script = `"${process.execPath}" "${CLI}" check --no-config . 2>err.txt | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}" > code.txt`;
    const child = spawnSync('bash', ['-c', script], { cwd });
    assert.equal(child.status, 0);
    assert.equal(readFileSync(join(cwd, 'code.txt'), 'utf8').trim(), '2');
    const err = readFileSync(join(cwd, 'err.txt'), 'utf8');
    assert.match(err, /^container-standards: standard output was closed before the report was written; the check stopped\n$/);
  });

  // One file's report is written in one piece just before the CLI exits, which it does without waiting for
  // the event loop: the exit must still wait for a slow reader, and still say when the reader is gone.
  const stages = 'FROM python:3.13-slim AS s\nUSER root\n'.repeat(3000);
  it('one large report: a reader that stops early still gets exit 2', () => {
    const cwd = tempTree({ Dockerfile: stages });
    const script = `"${process.execPath}" "${CLI}" check --no-config --stdin --stdin-filename Dockerfile < Dockerfile 2>err.txt | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}" > code.txt`;
    assert.equal(spawnSync('bash', ['-c', script], { cwd }).status, 0);
    assert.equal(readFileSync(join(cwd, 'code.txt'), 'utf8').trim(), '2');
    assert.match(readFileSync(join(cwd, 'err.txt'), 'utf8'), /standard output was closed before the report was written/);
  });

  it('one large report: a slow reader gets all of it and the exit code', () => {
    const cwd = tempTree({ Dockerfile: stages });
    const whole = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--output', 'report.txt', 'Dockerfile'], { cwd });
    assert.equal(whole.status, 1, String(whole.stderr));
    const script = `"${process.execPath}" "${CLI}" check --no-config --stdin --stdin-filename Dockerfile < Dockerfile | (sleep 0.5; cat > got.txt); echo "\${PIPESTATUS[0]}" > code.txt`;
    assert.equal(spawnSync('bash', ['-c', script], { cwd }).status, 0);
    assert.equal(readFileSync(join(cwd, 'code.txt'), 'utf8').trim(), '1');
    const got = readFileSync(join(cwd, 'got.txt'), 'utf8');
    assert.equal(got, readFileSync(join(cwd, 'report.txt'), 'utf8'));
    // Written in batches: every finding is there once, each block after one blank line (JSON counts them).
    const json = spawnSync(process.execPath, [CLI, 'check', '--no-config', '--format', 'json', 'Dockerfile'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
    const count = (JSON.parse(json.stdout) as { files: Array<{ findings: unknown[] }> }).files[0].findings.length;
    assert.ok(count > 3000, `${count} findings`);
    assert.equal(got.match(/^Dockerfile:\d+:\d+: /gm)?.length, count);
    assert.equal(got.split('\n\nDockerfile:').length, count);
  });
});
