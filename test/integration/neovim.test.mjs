// Debian's Neovim (0.7) runs headless against the language server, started as the README tells Neovim
// users to (`container-standards lsp`), and must see diagnostics and code actions for a Dockerfile and a
// Python file. .ci/run installs Neovim when it is missing; elsewhere the test is skipped without it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const hasNeovim = spawnSync('nvim', ['--version']).status === 0;

describe('Neovim (vim.lsp.start_client) against `container-standards lsp`', () => {
  it('shows diagnostics and offers code actions in a Dockerfile and a Python file', { timeout: 180_000 }, async (t) => {
    if (!hasNeovim) {
      if (process.env.CI) assert.fail('nvim is not installed: .ci/run installs it (apt-get install neovim)');
      return t.skip('nvim is not installed (apt-get install neovim)');
    }
    const work = mkdtempSync(join(tmpdir(), 'cs-nvim-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    writeFileSync(join(work, 'Dockerfile'), 'FROM python:3.13-slim\nUSER gen3\n');
    writeFileSync(join(work, 'app.py'), 'import hashlib\n\nprint(hashlib.md5(b"x").hexdigest())\n');
    const out = join(work, 'report.json');
    const code = await new Promise((done, fail) => {
      const nvim = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${join(here, 'neovim.lua')}`], {
        cwd: work,
        env: { ...process.env, CS_ROOT: root, CS_WORK: work, CS_OUT: out },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const timer = setTimeout(() => nvim.kill('SIGKILL'), 150_000);
      nvim.on('error', fail);
      nvim.on('close', (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    assert.equal(code, 0, 'nvim exits by itself');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(report.errors, []);
    const [docker, python] = report.files;

    assert.equal(docker.filetype, 'dockerfile');
    const img001 = docker.diagnostics.find((d) => d.code === 'IMG001');
    assert.ok(img001, JSON.stringify(docker.diagnostics));
    assert.equal(img001.source, 'container-standards');
    assert.deepEqual(img001.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    assert.ok(docker.neovim >= 1, 'Neovim shows the diagnostics');
    assert.ok(docker.actions.includes("Use 'quay.io/cdis/amazonlinux-base:3.13-pythonbase'"), JSON.stringify(docker.actions));
    assert.ok(docker.actions.includes('Disable IMG001 for this line'), JSON.stringify(docker.actions));

    assert.equal(python.filetype, 'python');
    const fips = python.diagnostics.find((d) => d.code === 'FIPS001');
    assert.ok(fips, JSON.stringify(python.diagnostics));
    assert.equal(fips.range.start.line, 2);
    assert.ok(
      python.actions.some((a) => /usedforsecurity=False/.test(a)),
      JSON.stringify(python.actions),
    );
  });
});
