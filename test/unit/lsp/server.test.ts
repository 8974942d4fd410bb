import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyFixes } from '../../../server/src/engine';
import { ROOT, TestClient } from '../helpers/lspClient';

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();

function apply(text: string, edits: TextEdit[]): string {
  return applyFixes(text, [{ title: 'edit', edits, applicability: 'safe' }]).text;
}

describe('language server (dist/server.js over stdio)', () => {
  const client = new TestClient();
  let capabilities: Record<string, any>;
  // Files under the repository's own folder, which has no .container-standards.json: gen3 by default.
  const uri = (name: string) => pathToFileURL(join(ROOT, 'test', 'fixtures', 'lsp', name)).href;

  before(async () => {
    capabilities = (await client.initialize()).capabilities;
  });
  after(() => client.stop());

  it('announces quick fixes, fix-all, completion and hover', () => {
    assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.containerStandards']);
    assert.ok(capabilities.completionProvider.triggerCharacters.includes(':'));
    assert.equal(capabilities.hoverProvider, true);
  });

  it('publishes diagnostics on open, with source, code and a link to the rule page', async () => {
    const u = uri('open/Dockerfile');
    client.open(u, 'dockerfile', 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n');
    const { diagnostics } = await client.diagnostics(u);
    assert.deepEqual(codes(diagnostics), ['IMG001']);
    const [d] = diagnostics;
    assert.deepEqual(d.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    assert.equal(d.source, 'container-standards');
    assert.equal(d.severity, 1);
    assert.equal(d.codeDescription?.href, 'https://github.com/container-standards/container-standards/blob/main/docs/rules/IMG001.md');
    assert.ok(client.configurationRequests.includes(u), 'settings are pulled for the document');
  });

  it('checks again after typing stops and publishes only for the newest text', async () => {
    const u = uri('typing/Dockerfile');
    client.open(u, 'dockerfile', 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["x"]\n');
    assert.deepEqual(codes((await client.diagnostics(u)).diagnostics), []);
    // Five quick edits: the stale ones are dropped, the last one is checked.
    for (let v = 2; v <= 6; v++) client.change(u, v, `FROM python:3.${v}\nUSER gen3\nCMD ["x"]\n`);
    const last = await client.diagnostics(u, (p) => p.version === 6);
    assert.deepEqual(codes(last.diagnostics), ['IMG001']);
    assert.deepEqual(
      client.publishedFor(u).map((p) => p.version),
      [1, 6],
      'edits 2 to 5 were never published',
    );
  });

  it('offers the preferred quick fix, a pragma to disable the rule, and a fix-all of the safe fixes', async () => {
    const u = uri('actions/Dockerfile');
    const text = 'FROM python:3.13-slim AS build\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nCMD ["python"]\n';
    client.open(u, 'dockerfile', text);
    const { diagnostics } = await client.diagnostics(u);
    assert.deepEqual(codes(diagnostics), ['IMG001', 'USR001']);
    const img001 = diagnostics[0];
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: img001.range,
      context: { diagnostics: [img001] },
    });
    const titles = actions.map((a) => a.title);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, titles.join(' | '));
    assert.match(apply(text, preferred[0].edit!.changes![u]), /^FROM quay\.io\/cdis\/amazonlinux-base:3\.13-\w+ AS build\nFROM /);
    const disable = actions.find((a) => a.title === 'Disable IMG001 for this line');
    assert.ok(disable, titles.join(' | '));
    assert.equal(apply(text, disable.edit!.changes![u]), `# container-standards ignore=IMG001\n${text}`);

    const fixAll: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.containerStandards'] },
    });
    assert.deepEqual(
      fixAll.map((a) => [a.kind, a.title]),
      [['source.fixAll.containerStandards', 'Fix all container-standards problems in this file']],
    );
    // Like `--fix`: the missing USER is safe to add (the base creates gen3); a new base image is the user's call.
    const fixed = apply(text, fixAll[0].edit!.changes![u]);
    assert.equal(fixed, text.replace('CMD', 'USER gen3\nCMD'));
    client.change(u, 2, fixed);
    assert.deepEqual(codes((await client.diagnostics(u, (p) => p.version === 2)).diagnostics), ['IMG001']);
  });

  it('offers "Disable CODE for this file" (after parser directives, or into an ignore-file pragma already there) and "Show documentation for CODE"', async () => {
    const cases: Array<[string, string, string]> = [
      ['plain', 'FROM python:3.13-slim\nUSER gen3\n', '# container-standards ignore-file=IMG001\nFROM python:3.13-slim\nUSER gen3\n'],
      [
        'directive',
        '# syntax=docker/dockerfile:1\nFROM python:3.13-slim\nUSER gen3\n',
        '# syntax=docker/dockerfile:1\n# container-standards ignore-file=IMG003\nFROM python:3.13-slim\nUSER gen3\n'.replace('IMG003', 'IMG001'),
      ],
      [
        'existing',
        '# container-standards ignore-file=IMG009\nFROM python:3.13-slim\nUSER gen3\n',
        '# container-standards ignore-file=IMG009,IMG001\nFROM python:3.13-slim\nUSER gen3\n',
      ],
    ];
    for (const [name, text, expected] of cases) {
      const u = uri(`file-wide/${name}/Dockerfile`);
      client.open(u, 'dockerfile', text);
      const { diagnostics } = await client.diagnostics(u);
      const img001 = diagnostics.find((d) => d.code === 'IMG001')!;
      const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: u },
        range: img001.range,
        context: { diagnostics: [img001] },
      });
      const disable = actions.find((a) => a.title === 'Disable IMG001 for this file');
      assert.ok(disable, actions.map((a) => a.title).join(' | '));
      const fixed = apply(text, disable.edit!.changes![u]);
      assert.equal(fixed, expected, name);
      client.change(u, 2, fixed);
      assert.ok(!(await client.diagnostics(u, (p) => p.version === 2)).diagnostics.some((d) => d.code === 'IMG001'), `${name}: the pragma silences IMG001`);
      const docs = actions.find((a) => a.title === 'Show documentation for IMG001');
      assert.deepEqual(docs?.command, { title: 'Show documentation for IMG001', command: 'containerStandards.showRuleDocs', arguments: ['IMG001'] });
    }
    assert.deepEqual(capabilities.executeCommandProvider.commands, ['containerStandards.showRuleDocs']);
    // A client without window/showDocument gets the page's address in a message.
    await client.connection.sendRequest('workspace/executeCommand', { command: 'containerStandards.showRuleDocs', arguments: ['IMG001'] });
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(
      client.messages.some((m) => m.includes('https://github.com/container-standards/container-standards/blob/main/docs/rules/IMG001.md')),
      client.messages.join(' | '),
    );
  });

  it('checks Python files with the FIPS rules and offers the usedforsecurity fix', async () => {
    const u = uri('python/app.py');
    const text = 'import hashlib\nx = hashlib.md5(b"data").hexdigest()\n';
    client.open(u, 'python', text);
    const { diagnostics } = await client.diagnostics(u);
    assert.deepEqual(codes(diagnostics), ['FIPS001']);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(apply(text, preferred.edit!.changes![u]), 'import hashlib\nx = hashlib.md5(b"data", usedforsecurity=False).hexdigest()\n');
    assert.ok(actions.some((a) => a.title === 'Disable FIPS001 for this line'));
    const fileWide = actions.find((a) => a.title === 'Disable FIPS001 for this file');
    assert.ok(fileWide, actions.map((a) => a.title).join(' | '));
    assert.equal(apply(text, fileWide.edit!.changes![u]), `# container-standards ignore-file=FIPS001\n${text}`);
  });

  it('completes approved tags with descriptions after "FROM repository:", stable tags first', async () => {
    const u = uri('complete/Dockerfile');
    const line = 'FROM quay.io/cdis/amazonlinux-base:';
    client.open(u, 'dockerfile', `${line}\n`);
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: 0, character: line.length },
    });
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 4), ['hardened', '3.13-buildbase', '3.13-pythonbase', '3.13-pythonnginx']);
    const pythonbase = items.find((i) => i.label === '3.13-pythonbase')!;
    assert.match((pythonbase.documentation as { value: string }).value, /`hardened` → `3\.13-buildbase` → `3\.13-pythonbase`/);
    assert.match(pythonbase.detail!, /user gen3/);
  });

  it('completes the approved repositories after "FROM " and never asks Docker Hub', async () => {
    const u = uri('complete-from/Dockerfile');
    client.open(u, 'dockerfile', 'FROM \n');
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: 0, character: 5 },
    });
    assert.deepEqual(
      items.map((i) => i.label),
      ['quay.io/cdis/amazonlinux-base'],
    );
    assert.equal((items[0].textEdit as TextEdit).newText, 'quay.io/cdis/amazonlinux-base:');
    assert.doesNotMatch(readFileSync(join(ROOT, 'dist', 'server.js'), 'utf8'), /auth\.docker\.io/, 'the bundle has no Docker Hub client');
  });

  it('completes tags in the default of an ARG that a FROM uses as its tag', async () => {
    const u = uri('complete-arg/Dockerfile');
    client.open(u, 'dockerfile', 'ARG AZLINUX_BASE_VERSION=\nFROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION}\n');
    const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: 0, character: 25 },
    });
    assert.ok(
      items.some((i) => i.label === '3.13-pythonnginx'),
      items.map((i) => i.label).join(', '),
    );
  });

  it('shows the tag lineage, contents and user on hover', async () => {
    const u = uri('hover/Dockerfile');
    client.open(u, 'dockerfile', 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonnginx\n');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 12 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /`hardened` → `3\.13-buildbase` → `3\.13-pythonnginx`/);
    assert.match(value, /nginx/);
    assert.match(value, /Runs as `gen3`/);
  });

  it('re-checks open documents at once when the settings change', async () => {
    const u = uri('settings/Dockerfile');
    client.open(u, 'dockerfile', 'FROM defradigital/python:2.0.1-python3.13.9\n');
    assert.deepEqual(codes((await client.diagnostics(u)).diagnostics), ['IMG001', 'USR001']);
    const before = client.publishedFor(u).length;
    try {
      await configure({ profile: 'defra', rules: { 'missing-stage': 'off' } });
      const after = await client.diagnostics(u, (p) => client.publishedFor(u).indexOf(p) >= before);
      assert.deepEqual(codes(after.diagnostics), []);
    } finally {
      await configure({});
    }
  });

  it('general Dockerfile features come from dockerfile-language-service, and the setting turns them off', async () => {
    const u = uri('features/Dockerfile');
    client.open(u, 'dockerfile', 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n   USER gen3\nRU\n');
    await client.diagnostics(u);
    const format = () =>
      client.connection.sendRequest('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: true } }) as Promise<
        TextEdit[] | null
      >;
    const complete = () =>
      client.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 2, character: 2 } }) as Promise<
        CompletionItem[] | null
      >;
    assert.deepEqual(await format(), [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: '' }]);
    assert.ok((await complete())?.some((i) => i.label.startsWith('RUN')));
    try {
      await configure({ dockerfileFeatures: { enable: false } });
      await waitUntil(async () => (await format()) === null);
      assert.equal(await complete(), null);
    } finally {
      await configure({});
    }
  });

  it('clears diagnostics when a document closes', async () => {
    const u = uri('close/Dockerfile');
    client.open(u, 'dockerfile', 'FROM python\n');
    await client.diagnostics(u, (p) => p.diagnostics.length > 0);
    client.close(u);
    await client.diagnostics(u, (p) => p.diagnostics.length === 0);
  });

  it('checks files on disk for "Check whole workspace" and reports the active profile', async () => {
    const files = ['examples/gen3/compliant/Dockerfile', 'examples/gen3/non-compliant/Dockerfile'].map((f) => pathToFileURL(join(ROOT, f)).href);
    const result = await client.connection.sendRequest('containerStandards/checkFiles', { uris: files });
    assert.equal((result as { checked: number }).checked, 2);
    assert.ok((result as { findings: number }).findings > 0);
    assert.ok((await client.diagnostics(files[1])).diagnostics.length > 0);
    const profile = await client.connection.sendRequest('containerStandards/profile', { uri: files[0] });
    assert.deepEqual(
      { ...(profile as object), documentation: undefined },
      {
        id: 'gen3',
        title: 'Gen3 Python 3.13 image standard',
        documentation: undefined,
        source: 'builtin',
        repositories: ['quay.io/cdis/amazonlinux-base'],
        user: 'gen3',
        // No tag catalog lock yet: a sync would write it beside examples/gen3/.container-standards.json, which chose the profile.
        lockPath: join(ROOT, 'examples', 'gen3', 'container-standards.lock.json'),
        origin: { kind: 'config', file: join(ROOT, 'examples/gen3/.container-standards.json'), extended: false },
        config: join(ROOT, 'examples/gen3/.container-standards.json'),
        configErrors: 0,
      },
    );
  });

  it('tells the user once when the profile cannot be loaded, and checks nothing with it', async () => {
    try {
      await configure({ profile: './no/such.profile.json' });
      const u = uri('bad-profile/Dockerfile');
      client.open(u, 'dockerfile', 'FROM python\n');
      await client.diagnostics(u, (p) => p.diagnostics.length === 0);
      assert.equal(client.messages.filter((m) => m.includes('no/such.profile.json')).length, 1, client.messages.join('\n'));
    } finally {
      await configure({});
    }
  });

  async function waitUntil(done: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 50 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(await done());
  }

  async function configure(settings: Record<string, unknown>): Promise<void> {
    client.settings = settings;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }
});
