import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { REPO, tempTree } from '../helpers/cli';
import { TestClient } from '../helpers/lspClient';
import { pushImage, pushIndex, startProxy, startRegistry, type Proxy, type Registry } from '../helpers/registry';

// The editor's side of the catalog: the language server syncs only when asked, then every feature reads the lock.

describe('language server and the tag catalog', () => {
  let registry: Registry;
  let proxy: Proxy;
  let dir: string;
  let B: string;
  let index: { digest: string };
  const client = new TestClient();
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;

  before(async () => {
    registry = await startRegistry();
    index = await pushIndex(registry.host, 'cdis/amazonlinux-base', { user: 'gen3', env: ['PYTHON_VERSION=3.13.5'] }, ['3.13-pythonbase', '3.13-pythonnginx']);
    await pushImage(registry.host, 'cdis/amazonlinux-base', { user: '' }, '3.13-buildbase');
    // Every request goes through the proxy, so the test sees whether the server touched the network.
    proxy = await startProxy(registry.host);
    B = `${proxy.host}/cdis/amazonlinux-base`;
    const gen3 = JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));
    const profile = {
      ...gen3,
      id: 'local',
      repositories: [{ ...gen3.repositories[0], name: B, mirrors: undefined }],
      recommendations: { default: `${B}:3.13-pythonbase` },
      retired: [],
    };
    dir = tempTree({ 'local.profile.json': JSON.stringify(profile), '.container-standards.json': '{ "profile": "./local.profile.json" }\n' });
    await client.initialize(dir);
  });
  after(async () => {
    await client.stop();
    await proxy?.stop();
    await registry?.stop();
  });

  it('checks without a lock and without the network until the sync command runs', async () => {
    const u = uri('Dockerfile');
    client.open(u, 'dockerfile', `FROM ${B}:3.13-pythonpoetry\nUSER gen3\nCMD ["app"]\n`);
    const first = await client.diagnostics(u);
    assert.deepEqual(
      first.diagnostics.filter((d: Diagnostic) => d.code === 'IMG002'),
      [],
    );
    const info: any = await client.connection.sendRequest('containerStandards/profile', { uri: u });
    assert.equal(info.lock, undefined);
    assert.equal(info.lockPath, join(dir, 'container-standards.lock.json'));
    assert.deepEqual(proxy.seen, [], 'no request before the command');
  });

  it('"Sync Tag Catalog" writes the lock, re-checks open documents, and the status tooltip can say its age', async () => {
    const progress: string[] = [];
    client.connection.onNotification('containerStandards/syncProgress', (p: { message: string }) => {
      progress.push(p.message);
    });
    const result: any = await client.connection.sendRequest('containerStandards/syncCatalog', { uri: uri('Dockerfile') });
    assert.equal(result.ok, true, result.error);
    assert.equal(result.tags, 3);
    assert.ok(existsSync(join(dir, 'container-standards.lock.json')));
    assert.ok(
      progress.some((m) => m === `${B}: 3/3 tags`),
      progress.join('\n'),
    );
    assert.ok(proxy.seen.length > 0);
    const checked = await client.diagnostics(uri('Dockerfile'), (p) => p.diagnostics.some((d) => d.code === 'IMG002'));
    assert.match(
      String(checked.diagnostics.find((d) => d.code === 'IMG002')!.message),
      /^'3\.13-pythonpoetry' is allowed by the standard, but .* had no such tag at the sync of /,
    );
    const info: any = await client.connection.sendRequest('containerStandards/profile', { uri: uri('Dockerfile') });
    assert.equal(info.lock.syncedAt, new Date().toISOString().slice(0, 10));
    assert.equal(info.lock.ageDays, 0);
  });

  it('completions offer only published tags, with digest and user; hovers show digest, platforms, user, Python and last seen', async () => {
    const u = uri('complete/Dockerfile');
    const line = `FROM ${B}:`;
    client.open(u, 'dockerfile', `${line}\n`);
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: 0, character: line.length },
    });
    const labels = items.map((i) => i.label).sort();
    assert.deepEqual(labels, ['3.13-buildbase', '3.13-pythonbase', '3.13-pythonnginx']);
    assert.match(items.find((i) => i.label === '3.13-buildbase')!.detail!, /user root · sha256:[0-9a-f]{12}/);

    const h = uri('hover/Dockerfile');
    client.open(h, 'dockerfile', `FROM ${B}:3.13-pythonbase\n`);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: h }, position: { line: 0, character: 8 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*Registry:\*\* last seen today/);
    assert.ok(value.includes(`Digest \`${index.digest}\``), value);
    assert.match(value, /Platforms: linux\/amd64, linux\/arm64\/v8/);
    assert.match(value, /Image configuration: runs as `gen3`, Python 3\.13\.5\./);
  });

  it('a failed sync says why and leaves the lock as it was', async () => {
    const before = readFileSync(join(dir, 'container-standards.lock.json'), 'utf8');
    await proxy.stop();
    const result: any = await client.connection.sendRequest('containerStandards/syncCatalog', { uri: uri('Dockerfile') });
    assert.equal(result.ok, false);
    assert.match(result.error, new RegExp(`${B.replace(/\./g, '\\.')}: cannot reach .*ECONNREFUSED; the lock was left as it was`));
    assert.equal(readFileSync(join(dir, 'container-standards.lock.json'), 'utf8'), before);
  });
});
