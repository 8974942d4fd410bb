// Debian's pre-commit installs this repository's hooks (.pre-commit-hooks.yaml, language: node) with
// `pre-commit try-repo` into a scratch git repository and runs them on its files, as a user's
// .pre-commit-config.yaml would. pre-commit's node install runs `npm install` from the npm registry and
// `npm pack`, so it needs the registry (no other network). .ci/run installs pre-commit when missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const BAD = 'FROM python:3.13-slim\nUSER gen3\n';
const ROOT_USER = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER root\n';

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  it('the check hook reports findings and the fix hook applies safe fixes, on the files pre-commit passes', { timeout: 900_000 }, (t) => {
    if (!hasPreCommit) {
      if (process.env.CI) assert.fail('pre-commit is not installed: .ci/run installs it (apt-get install pre-commit)');
      return t.skip('pre-commit is not installed (apt-get install pre-commit)');
    }
    const scratch = mkdtempSync(join(tmpdir(), 'cs-pre-commit-'));
    t.after(() => rmSync(scratch, { recursive: true, force: true }));
    const repo = join(scratch, 'repo');
    const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    spawnSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, 'Dockerfile'), BAD);
    writeFileSync(join(repo, 'root.Dockerfile'), ROOT_USER);
    writeFileSync(join(repo, 'notes.txt'), 'FROM python:3.13-slim\n');
    git('add', '.');
    const r = spawnSync('pre-commit', ['try-repo', root, '--all-files', '--verbose'], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        PRE_COMMIT_HOME: join(scratch, 'cache'),
        NO_COLOR: '1',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
      timeout: 850_000,
    });
    const log = r.stdout + r.stderr;
    assert.equal(r.status, 1, log);
    assert.match(log, /^container-standards\.+Failed$/m, log);
    assert.match(log, /^container-standards \(fix\)\.+Failed$/m, log);
    assert.match(log, /^Dockerfile:1:6: error IMG001 /m, log);
    assert.match(log, /^root\.Dockerfile:2:6: error USR002 \[\*\] /m, log);
    assert.doesNotMatch(log, /notes\.txt/, 'files that are not Dockerfiles or Python are not passed');
    assert.match(log, /files were modified by this hook/, log);
    assert.equal(readFileSync(join(repo, 'root.Dockerfile'), 'utf8'), 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n');
    assert.equal(readFileSync(join(repo, 'Dockerfile'), 'utf8'), BAD, 'an unsafe fix is not applied');
  });
});
