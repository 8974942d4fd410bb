import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { run, tempTree } from '../helpers/cli';
import { TestClient } from '../helpers/lspClient';

// A reviewer's variation on F10/F24: a repository's symbolic links must not bring files from outside it
// into a folder scan, where their content would be quoted in a public CI log (or a link to / would make
// the check read the whole machine).
describe('a folder scan does not follow links out of the folder', () => {
  it('skips a link to a file or folder outside with a notice, checks links that stay inside, and checks a link named on the command line', async () => {
    const outside = tempTree({ Dockerfile: 'FROM registry.example/private-image:s3cret-tag\n' });
    const repo = tempTree({ Containerfile: 'FROM python:3.9\n' });
    symlinkSync(join(outside, 'Dockerfile'), join(repo, 'Dockerfile'));
    symlinkSync('/proc/self/environ', join(repo, 'env.Dockerfile'));
    symlinkSync(outside, join(repo, 'vendor'));
    symlinkSync('/', join(repo, 'rootlink'));
    mkdirSync(join(repo, 'inner'));
    symlinkSync('../Containerfile', join(repo, 'inner', 'Dockerfile'));

    const r = await run(['check', '--no-config', '--format', 'json', '.'], { cwd: repo });
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /s3cret|private-image/);
    for (const name of ['Dockerfile', 'env.Dockerfile', 'vendor', 'rootlink'])
      assert.match(r.stderr, new RegExp(`skipped '${name}': it links outside the folder being checked`));
    assert.deepEqual(
      JSON.parse(r.stdout)
        .files.map((f: { path: string }) => f.path)
        .sort(),
      ['Containerfile', 'inner/Dockerfile'],
    );

    const named = await run(['check', '--no-config', '--format', 'json', 'Dockerfile'], { cwd: repo });
    assert.deepEqual(
      JSON.parse(named.stdout).files.map((f: { path: string }) => f.path),
      ['Dockerfile'],
      "a path the user names is the user's choice",
    );
  });
});

describe('"Check Whole Workspace" does not read links that lead out of the workspace', () => {
  it('checks the files inside and skips a link to a file outside', async () => {
    const outside = tempTree({ Dockerfile: 'FROM registry.example/private-image:s3cret-tag\n' });
    const repo = tempTree({ 'a/Dockerfile': 'FROM python:3.9\n' });
    mkdirSync(join(repo, 'b'));
    symlinkSync(join(outside, 'Dockerfile'), join(repo, 'b', 'Dockerfile'));
    const client = new TestClient();
    try {
      await client.initialize(repo);
      const [inside, link] = ['a/Dockerfile', 'b/Dockerfile'].map((f) => pathToFileURL(join(repo, f)).href);
      const result = (await client.connection.sendRequest('containerStandards/checkFiles', { uris: [inside, link] })) as { checked: number };
      assert.equal(result.checked, 1);
      assert.ok((await client.diagnostics(inside)).diagnostics.length > 0);
      assert.deepEqual(client.publishedFor(link), []);
    } finally {
      await client.stop();
    }
  });
});
