import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { REPO, tempTree } from '../helpers/cli';
import { TestClient } from '../helpers/lspClient';

const SERVICE = 'FROM python:3.9\nUSER root\n';
const codes = (d: Diagnostic[]) => [...new Set(d.map((x) => String(x.code)))].sort();
const href = (root: string, path: string) => pathToFileURL(join(root, path)).href;

async function started(root: string, initializationOptions?: unknown): Promise<TestClient> {
  const client = new TestClient();
  await client.initialize(root, initializationOptions);
  return client;
}

describe('the config in the editor', () => {
  it('a broken config shows as diagnostics in the config file, and checking goes on with its last good settings', async () => {
    const root = tempTree({ '.container-standards.json': '{"profile": "defra"}', Dockerfile: SERVICE });
    mkdirSync(join(root, '.git'));
    const client = await started(root);
    try {
      const doc = href(root, 'Dockerfile');
      const config = href(root, '.container-standards.json');
      client.open(doc, 'dockerfile', SERVICE);
      const good = await client.diagnostics(doc);
      const profileOf = async () => (await client.connection.sendRequest('containerStandards/profile', { uri: doc })) as { id: string; configErrors: number };
      assert.equal((await profileOf()).id, 'defra');

      writeFileSync(join(root, '.container-standards.json'), '{\n  "profile": "defra",\n  "rules": {"IMG001": "loud"}\n}');
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
      const shown = await client.diagnostics(config, (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        shown.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
        [[2, 22, 1, 'expected "off", "error", "warning" or "info"']],
      );
      const again = await client.diagnostics(doc, (p) => client.publishedFor(doc).indexOf(p) > 0);
      assert.deepEqual(codes(again.diagnostics), codes(good.diagnostics), 'still checked with the last good config (defra)');
      assert.deepEqual(await profileOf(), { ...(await profileOf()), id: 'defra', configErrors: 1 });

      writeFileSync(join(root, '.container-standards.json'), '{"profile": "gen3"}');
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
      await client.diagnostics(config, (p) => p.diagnostics.length === 0);
      await client.diagnostics(doc, (p) => codes(p.diagnostics).includes('IMG001') && p.diagnostics.some((d) => /gen3|amazonlinux/.test(String(d.message))));
      assert.equal((await profileOf()).id, 'gen3');
    } finally {
      await client.stop();
    }
  });

  it('a profile file named outside the workspace is refused in the config, with the user setting as the way out', async () => {
    const outside = tempTree({ 'team.profile.json': readFileSync(join(REPO, 'profiles/defra.json'), 'utf8') });
    const root = tempTree({ '.container-standards.json': JSON.stringify({ profile: join(outside, 'team.profile.json') }), Dockerfile: SERVICE });
    const client = await started(root);
    try {
      const doc = href(root, 'Dockerfile');
      client.open(doc, 'dockerfile', SERVICE);
      const shown = await client.diagnostics(href(root, '.container-standards.json'), (p) => p.diagnostics.length > 0);
      assert.match(
        String(shown.diagnostics[0].message),
        /^expected a profile file inside the repository or workspace that holds this config; .*containerStandards\.allowOutsideProfile/,
      );
      assert.equal(await client.connection.sendRequest('containerStandards/profile', { uri: doc }).then((p: any) => p.unavailable?.errors), 1);
      void client.connection.sendNotification('containerStandards/environment', { trusted: true, allowOutsideProfile: true });
      await client.diagnostics(doc, (p) => p.diagnostics.length > 0);
      const info = (await client.connection.sendRequest('containerStandards/profile', { uri: doc })) as { id: string; source: string };
      assert.deepEqual([info.id, info.source], ['defra', 'file']);
    } finally {
      await client.stop();
    }
  });

  it('in an untrusted workspace the config may choose built-in profiles only, and the profile says it is restricted', async () => {
    const root = tempTree({
      '.container-standards.json': '{"profile": "./team.profile.json"}',
      'team.profile.json': readFileSync(join(REPO, 'profiles/defra.json'), 'utf8'),
      Dockerfile: SERVICE,
      'builtin/.container-standards.json': '{"profile": "defra"}',
      'builtin/Dockerfile': SERVICE,
    });
    const client = await started(root, { environment: { trusted: false } });
    try {
      const doc = href(root, 'Dockerfile');
      client.open(doc, 'dockerfile', SERVICE);
      client.open(href(root, 'builtin/Dockerfile'), 'dockerfile', SERVICE);
      const shown = await client.diagnostics(href(root, '.container-standards.json'), (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        shown.diagnostics.map((d) => [d.severity, d.message]),
        [
          [
            2,
            'a profile file is not read in an untrusted workspace; expected a built-in profile id (gen3, defra); trust the workspace to use its profile file',
          ],
        ],
      );
      const info = (await client.connection.sendRequest('containerStandards/profile', { uri: doc })) as any;
      assert.deepEqual([info.id, info.origin, info.restricted], ['gen3', { kind: 'default' }, { file: join(root, '.container-standards.json') }]);
      const builtin = (await client.connection.sendRequest('containerStandards/profile', { uri: href(root, 'builtin/Dockerfile') })) as any;
      assert.equal(builtin.id, 'defra');
      assert.equal(builtin.restricted, undefined);
      // Trust granted: the profile file is read.
      void client.connection.sendNotification('containerStandards/environment', { trusted: true, allowOutsideProfile: false });
      await client.diagnostics(href(root, '.container-standards.json'), (p) => p.diagnostics.length === 0);
      const trusted = (await client.connection.sendRequest('containerStandards/profile', { uri: doc })) as any;
      assert.deepEqual([trusted.id, trusted.source, trusted.restricted], ['defra', 'file', undefined]);
    } finally {
      await client.stop();
    }
  });

  it('the profile request says where the profile comes from: setting, config, override or default', async () => {
    const root = tempTree({
      '.container-standards.json': '{"overrides": [{"files": ["legacy/**"], "profile": "defra"}]}',
      Dockerfile: SERVICE,
      'legacy/Dockerfile': SERVICE,
      'gitignored/Dockerfile': SERVICE,
      '.gitignore': 'gitignored/\n',
    });
    mkdirSync(join(root, '.git'));
    const client = await started(root);
    try {
      const ask = (path: string) => client.connection.sendRequest('containerStandards/profile', { uri: href(root, path) }) as Promise<any>;
      const config = join(root, '.container-standards.json');
      assert.deepEqual((await ask('Dockerfile')).origin, { kind: 'default' });
      assert.equal((await ask('Dockerfile')).config, config);
      assert.deepEqual((await ask('legacy/Dockerfile')).origin, { kind: 'config', file: config, override: 0, extended: false });
      assert.equal((await ask('gitignored/Dockerfile')).excluded, 'gitignore');
      client.settings = { profile: 'defra' };
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await new Promise<void>((resolve) => client.connection.onNotification('containerStandards/settingsChanged', () => resolve()));
      assert.deepEqual((await ask('Dockerfile')).origin, { kind: 'setting' });
    } finally {
      await client.stop();
    }
  });
});
