import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { discover, discoverEach } from '../../../server/src/cli/discover';
import { CliError } from '../../../server/src/cli/errors';
import { run, tempTree } from '../helpers/cli';

const FROM = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n';

function tree() {
  const root = tempTree({
    Dockerfile: FROM,
    'Dockerfile.dev': FROM,
    'Dockerfile.dockerignore': 'node_modules\n',
    'api.Dockerfile': FROM,
    'worker.dockerfile': FROM,
    Containerfile: FROM,
    'app.py': 'import hashlib\n',
    'README.md': '# readme\n',
    Makefile: 'all:\n',
    'b/Dockerfile': FROM,
    'a/nested/deeper/tool.py': 'x = 1\n',
    'node_modules/pkg/Dockerfile': FROM,
    '.git/Dockerfile': FROM,
    '.venv/lib/site.py': 'x = 1\n',
    'env/pyvenv.cfg': 'home = /usr/bin\n',
    'env/lib/site.py': 'x = 1\n',
    'a/__pycache__/tool.py': 'x = 1\n',
  });
  // A loop: a/nested/up → a. Walking must still end.
  symlinkSync(join(root, 'a'), join(root, 'a/nested/up'));
  symlinkSync(join(root, 'missing'), join(root, 'b/Dockerfile.gone'));
  return root;
}

describe('discover', () => {
  it('finds Dockerfiles and Python files in sorted order, skipping dependency, hidden and virtualenv folders', () => {
    const root = tree();
    const found = discover(['.'], root).map((t) => [relative(root, t.path), t.language]);
    assert.deepEqual(found, [
      ['Containerfile', 'dockerfile'],
      ['Dockerfile', 'dockerfile'],
      ['Dockerfile.dev', 'dockerfile'],
      ['a/nested/deeper/tool.py', 'python'],
      ['api.Dockerfile', 'dockerfile'],
      ['app.py', 'python'],
      ['b/Dockerfile', 'dockerfile'],
      ['worker.dockerfile', 'dockerfile'],
    ]);
  });

  it('checks a skipped folder when it is named, and keeps the order of the paths given', () => {
    const root = tree();
    const found = discover(['b', '.venv', 'Dockerfile', 'b/Dockerfile'], root).map((t) => relative(root, t.path));
    assert.deepEqual(found, ['b/Dockerfile', '.venv/lib/site.py', 'Dockerfile']);
  });

  it('finds files one at a time: the first is handed over before later folders are read', () => {
    const root = tree();
    const found = discoverEach(['.'], root);
    assert.equal(relative(root, found.next().value!.path), 'Containerfile');
    // Made after the first file was handed over: a list built up front would not have it.
    writeFileSync(join(root, 'b', 'late.py'), 'x = 1\n');
    const rest = [...found].map((t) => relative(root, t.path));
    assert.ok(rest.includes('b/late.py'), rest.join(' '));
  });

  it('a missing path named after a folder stops the run before anything in the folder is checked', async () => {
    const root = tree();
    const r = await run(['check', '--no-config', 'b', 'nope'], { cwd: root });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no such file or folder 'nope'/);
  });

  it('rejects a missing path with a CliError', () => {
    const root = tree();
    assert.throws(
      () => discover(['nope'], root),
      (e: unknown) => e instanceof CliError && e.message === "no such file or folder 'nope'; check the path",
    );
  });
});

describe('check on folders (CLI)', () => {
  it('reports every discovered file and none of the skipped ones', async () => {
    const root = tree();
    const r = await run(['check', '--format', 'json', '--select', 'IMG001'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, [
      'Containerfile',
      'Dockerfile',
      'Dockerfile.dev',
      'a/nested/deeper/tool.py',
      'api.Dockerfile',
      'app.py',
      'b/Dockerfile',
      'worker.dockerfile',
    ]);
  });
});
