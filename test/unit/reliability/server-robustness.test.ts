import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { SOURCE_LIMIT } from '../../../server/src/cli/bounded';
import { clampFormatting, MAX_TAB_SIZE } from '../../../server/src/lsp/guard';
import { OVERSIZED_MESSAGE } from '../../../server/src/lsp/oversized';
import { filePath } from '../../../server/src/lsp/workspace';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RESTARTED_MESSAGE, RestartPolicy } from '../../../client/src/restarts';
import { TestClient } from '../helpers/lspClient';
import { tempTree } from '../helpers/cli';

// Issue 11 item 6: the language server never dies and never runs away (repros F11, F22).
const codes = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();
const BAD = 'FROM python:3.9\nUSER gen3\n';

describe('the language server never dies (F11, F22)', () => {
  const client = new TestClient();
  const logged: string[] = [];
  client.connection.onNotification('window/logMessage', (p: { message: string }) => {
    logged.push(p.message);
  });
  const alive = () => client.child.exitCode === null && client.child.signalCode === null;
  // The project folder holds a config naming a profile file: a foreign URI must not make the server read it.
  const root = tempTree({ '.container-standards.json': '{"profile": "./missing.profile.json"}' });

  before(() => client.initialize(root));
  after(() => client.stop());

  for (const uri of ['file://remotehost/share/Dockerfile', 'file:///a%2Fb/Dockerfile', 'file:///a%2fb%00/Dockerfile', 'file://host:99/x/Dockerfile']) {
    it(`F11: ${uri} is checked as text, with no file lookup, and the server lives on`, async () => {
      client.open(uri, 'dockerfile', BAD);
      const { diagnostics } = await client.diagnostics(uri);
      assert.deepEqual(codes(diagnostics), ['IMG001']);
      assert.equal(client.messages.length, 0, `no error about the project's config: ${client.messages.join(' | ')}`);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
      assert.ok(hover);
      assert.ok(alive());
    });
  }

  it('filePath gives no path, and throws nothing, for file URIs without a local path', () => {
    assert.equal(filePath('file://remotehost/share/Dockerfile'), undefined);
    assert.equal(filePath('file:///a%2Fb/Dockerfile'), undefined);
    assert.equal(filePath('file://[::1'), undefined);
    assert.equal(filePath('untitled:Untitled-1'), undefined);
    assert.equal(filePath('file:///tmp/Dockerfile'), '/tmp/Dockerfile');
  });

  it('F22: formatting with tabSize 1e9 answers at once, indenting by at most 16 columns', async () => {
    const uri = 'file:///f22/Dockerfile';
    client.open(uri, 'dockerfile', 'FROM python:3.9\nRUN a \\\nb\n');
    await client.diagnostics(uri);
    for (const tabSize of [1e9, Number.MAX_SAFE_INTEGER, -5, 0.5]) {
      const started = Date.now();
      const edits = (await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } })) as
        TextEdit[] | null;
      assert.ok(Date.now() - started < 5000);
      for (const e of edits ?? []) assert.ok(e.newText.length <= MAX_TAB_SIZE, `tabSize ${tabSize}: ${e.newText.length} characters`);
    }
    assert.deepEqual(clampFormatting({ tabSize: 1e9, insertSpaces: true }), { tabSize: 16, insertSpaces: true, ignoreMultilineInstructions: false });
    assert.deepEqual(clampFormatting({ tabSize: 'x' as unknown as number }), { tabSize: 4, insertSpaces: true, ignoreMultilineInstructions: false });
    assert.deepEqual(clampFormatting({ tabSize: 0, insertSpaces: false }), { tabSize: 1, insertSpaces: false, ignoreMultilineInstructions: false });
  });

  it('a document over 5 MB gets one information diagnostic and no parsing; every feature answers empty', async () => {
    const uri = 'file:///big/app.py';
    const text = `import hashlib\nhashlib.md5(b"")\n${'#'.repeat(SOURCE_LIMIT)}\n`;
    const started = Date.now();
    client.open(uri, 'python', text);
    const { diagnostics } = await client.diagnostics(uri);
    assert.ok(Date.now() - started < 10_000);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.message, d.range.start.line]),
      [[3, OVERSIZED_MESSAGE, 0]],
    );
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }), []);

    const docker = 'file:///big/Dockerfile';
    client.open(docker, 'dockerfile', `FROM python:3.9\n${'#'.repeat(SOURCE_LIMIT)}\n`);
    assert.deepEqual(
      (await client.diagnostics(docker)).diagnostics.map((d) => d.message),
      [OVERSIZED_MESSAGE],
    );
    for (const method of [
      'textDocument/completion',
      'textDocument/hover',
      'textDocument/formatting',
      'textDocument/foldingRange',
      'textDocument/documentSymbol',
    ]) {
      const answer = await client.connection.sendRequest(method, {
        textDocument: { uri: docker },
        position: { line: 0, character: 6 },
        options: { tabSize: 4, insertSpaces: true },
      });
      assert.equal(answer, null, method);
    }
    // Shrinking it under the limit checks it again.
    client.change(docker, 2, BAD);
    assert.deepEqual(codes((await client.diagnostics(docker, (p) => p.version === 2)).diagnostics), ['IMG001']);
    client.close(uri);
    client.close(docker);
  });

  it('a handler that throws answers empty and logs the error; the server lives on', async () => {
    for (const [method, params, empty] of [
      ['textDocument/hover', {}, null],
      ['textDocument/completion', { textDocument: null }, null],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///nowhere/Dockerfile' } }, []],
      ['textDocument/formatting', { textDocument: { uri: 'file:///f22/Dockerfile' }, options: null }, null],
      [
        'textDocument/rangeFormatting',
        { textDocument: { uri: 'file:///f22/Dockerfile' }, range: { start: { line: -4, character: 1e9 }, end: null }, options: {} },
        null,
      ],
    ] as const) {
      const answer = await client.connection.sendRequest(method, params);
      if (answer !== null && !(Array.isArray(answer) && answer.length === 0)) assert.ok(Array.isArray(answer), `${method}: ${JSON.stringify(answer)}`);
      else assert.deepEqual(answer, empty, method);
    }
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///never/opened', version: 2 },
      contentChanges: [{ text: 'x' }],
    });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never/opened' } });
    const uri = 'file:///after/Dockerfile';
    client.open(uri, 'dockerfile', BAD);
    assert.deepEqual(codes((await client.diagnostics(uri)).diagnostics), ['IMG001']);
    assert.ok(alive());
    assert.ok(
      logged.some((m) => m.startsWith('hover failed: TypeError')),
      logged.join('\n'),
    );
  });
});

describe('memory returns after a large document closes', () => {
  const client = new TestClient();
  const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.child.pid}/status`, 'utf8'))![1]) / 1024;
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  before(() => client.initialize(tempTree()));
  after(() => client.stop());

  it('a 20 MB Python document opened and closed leaves the server within 50 MB of its idle size', async () => {
    const warm = 'file:///warm/app.py';
    client.open(warm, 'python', 'import hashlib\nhashlib.md5(b"")\n');
    await client.diagnostics(warm);
    await settle();
    const idle = rssMiB();
    const uri = 'file:///large/app.py';
    client.open(uri, 'python', `import hashlib\n${'h = hashlib.md5(data).hexdigest()\n'.repeat(20 * 32768)}`);
    assert.deepEqual(
      (await client.diagnostics(uri, () => true, 30_000)).diagnostics.map((d) => d.message),
      [OVERSIZED_MESSAGE],
    );
    client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await settle();
    const closed = rssMiB();
    assert.ok(closed - idle < 50, `idle ${idle.toFixed(0)} MiB, after closing ${closed.toFixed(0)} MiB`);
  });
});

describe('the client restarts a dead server at most three times in three minutes', () => {
  it('restarts three times, then stops; says so once (first crash), and gives up once (the status bar)', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    const verdicts = [0, 1, 2, 3, 4].map(() => {
      now += 1000;
      return policy.closed();
    });
    assert.deepEqual(
      verdicts.map((v) => v.restart),
      [true, true, true, false, false],
    );
    assert.deepEqual(
      verdicts.map((v) => v.tell),
      [RESTARTED_MESSAGE, undefined, undefined, undefined, undefined],
      'one notification in all',
    );
    assert.deepEqual(
      verdicts.map((v) => v.gaveUp === true),
      [false, false, false, true, false],
    );
    assert.equal(MAX_RESTARTS, 3);
    assert.match(RESTARTED_MESSAGE, /stops 4 times within 3 minutes it stays stopped/);
  });

  it('crashes spread over more than three minutes keep being restarted', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    for (let i = 0; i < 10; i++) {
      now += RESTART_WINDOW_MS / 3 + 1;
      assert.equal(policy.closed().restart, true, `crash ${i + 1}`);
    }
  });
});
