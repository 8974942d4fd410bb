import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { run, tempTree } from '../helpers/cli';
import { TestClient } from '../helpers/lspClient';

// Nothing in this Dockerfile says Python; a pyproject.toml beside it does (issue 8 item 1's evidence).
const DOCKERFILE = 'FROM ubuntu:24.04\nCOPY . /srv\nCMD ["/srv/serve"]\n';

describe('language server: the files beside a Dockerfile count as scope evidence, as in the CLI', () => {
  it('a pyproject.toml beside the Dockerfile brings it into scope; without one it gets SCP001', async () => {
    const root = tempTree({ 'app/Dockerfile': DOCKERFILE, 'app/pyproject.toml': '[project]\nname = "app"\n', 'tool/Dockerfile': DOCKERFILE });
    mkdirSync(join(root, '.git'));
    const client = new TestClient();
    const codes: Record<string, string[]> = {};
    try {
      await client.initialize(root);
      for (const f of ['app/Dockerfile', 'tool/Dockerfile']) {
        const uri = pathToFileURL(join(root, f)).href;
        client.open(uri, 'dockerfile', DOCKERFILE);
        codes[f] = (await client.diagnostics(uri)).diagnostics.map((d) => String(d.code)).sort();
      }
    } finally {
      await client.stop();
    }
    assert.deepEqual(codes['tool/Dockerfile'], ['SCP001']);
    assert.ok(codes['app/Dockerfile'].includes('IMG001') && !codes['app/Dockerfile'].includes('SCP001'), codes['app/Dockerfile'].join(' '));

    const cli = await run(['check', '.', '--format', 'json'], { cwd: root });
    const fromCli = Object.fromEntries(JSON.parse(cli.stdout).files.map((f: any) => [f.path, f.findings.map((x: any) => String(x.code)).sort()]));
    assert.deepEqual(fromCli, codes, 'the editor and the CLI agree');
  });
});
