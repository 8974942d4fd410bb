import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';

// Run from out/test/unit/editor: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it('activates on Dockerfiles and Python only (and its commands, which VS Code adds itself), never on startup', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:dockerfile', 'onLanguage:python']);
  });

  it('contributes every command the client registers, each with a title and category', () => {
    const source = ['client/src/commands.ts', 'client/src/status.ts', 'client/src/extension.ts'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, registered);
    for (const c of manifest.contributes.commands) assert.ok(c.title && c.category === 'Container Standards', c.command);
  });

  it('describes every setting in Markdown and lets rules be set by code or name', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), [
      'containerStandards.allowOutsideProfile',
      'containerStandards.buildArgs',
      'containerStandards.catalog.autoSync',
      'containerStandards.dockerfileFeatures.enable',
      'containerStandards.profile',
      'containerStandards.rules',
      'containerStandards.trace.server',
    ]);
    for (const [name, p] of Object.entries<{ markdownDescription?: string }>(props)) assert.ok(p.markdownDescription, name);
    assert.ok(allRules().length > 0);
  });

  it('names an icon, a repository and its stance on untrusted workspaces', () => {
    assert.ok(existsSync(join(root, manifest.icon)));
    assert.ok(manifest.categories.includes('Linters'));
    assert.equal(manifest.repository.url, 'https://github.com/container-standards/container-standards');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('reaches the network only on request: catalog.autoSync is off by default and restricted in untrusted workspaces', () => {
    const autoSync = manifest.contributes.configuration.properties['containerStandards.catalog.autoSync'];
    assert.equal(autoSync.default, false);
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('containerStandards.catalog.autoSync'));
    assert.ok(
      manifest.contributes.commands.some(
        (c: { command: string; title: string }) => c.command === 'containerStandards.syncCatalog' && c.title === 'Sync Tag Catalog',
      ),
    );
    // The client asks the server to sync from two places only: the command and autoSync.
    const client = ['client/src/commands.ts', 'client/src/extension.ts', 'client/src/status.ts'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    assert.equal([...client.matchAll(/sendRequest\(SyncCatalogRequest/g)].length, 1, 'one place sends the sync request');
    assert.match(
      readFileSync(join(root, 'client/src/extension.ts'), 'utf8'),
      /if \(!vscode\.workspace\.isTrusted \|\| !vscode\.workspace\.getConfiguration\('containerStandards'\)\.get<boolean>\('catalog\.autoSync', false\)\) return;/,
    );
  });

  it('packages only the bundles, snippets, profiles and documents (vsce ls)', () => {
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      // The CLI's worker threads (server/src/cli/pool.ts), which `check --jobs` starts from next to dist/cli.js.
      'dist/checkWorker.js',
      'dist/cli.js',
      'dist/client.js',
      // The language server's engine thread (server/src/lsp/workerLinter.ts).
      'dist/engineWorker.js',
      'dist/server.js',
      'dist/tree-sitter-python.wasm',
      'dist/tree-sitter.wasm',
      // Rule pages, for "Show documentation for CODE" offline.
      ...readdirSync(join(root, 'docs', 'rules'))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `docs/rules/${f}`),
      'images/icon.png',
      'package.json',
      'profiles/config.schema.json',
      'profiles/defra.json',
      'profiles/gen3.json',
      'profiles/profile.schema.json',
      'snippets/dockerfile.json',
      'snippets/python.json',
    ]);
  });
});
