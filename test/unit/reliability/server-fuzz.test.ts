import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import fc from 'fast-check';
import { SOURCE_LIMIT } from '../../../server/src/cli/bounded';
import { TestClient } from '../helpers/lspClient';
import { tempTree } from '../helpers/cli';

// Issue 11 item 9: random sequences of open/change/close/codeAction/completion/hover/formatting, with bad
// ranges, unknown and odd URIs and oversized documents, must all be answered by a server that stays alive.
// A fixed seed and a bounded count keep `npm test` repeatable; FUZZ_RUNS=<n> FUZZ_SEED=<s> explores further.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const ANSWER_MS = 20_000;

const root = tempTree({ '.container-standards.json': '{"buildArgs": {"__proto__": "python:3.13"}}' });
const local = (name: string) => pathToFileURL(join(root, name)).href;
const URIS = [
  local('Dockerfile'),
  local('svc/api.Dockerfile'),
  local('app/main.py'),
  local('Containerfile'),
  'file://remotehost/share/Dockerfile',
  'file:///a%2Fb/Dockerfile',
  'file:///never/opened.py',
  'untitled:Untitled-1',
  'vscode-notebook-cell:/x.py#c1',
  'not a uri',
];
const LANGUAGES = ['dockerfile', 'python', 'plaintext', ''];

const dockerLine = fc.constantFrom(
  'FROM python:3.13-slim',
  'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase AS build',
  'FROM ${constructor}',
  'FROM quay.io/cdis/amazonlinux-base:${toString}',
  `FROM quay.io/cdis/amazonlinux-base:${'a'.repeat(200)}!`,
  'ARG BASE=quay.io/cdis/amazonlinux-base',
  'FROM $BASE:3.13-buildbase',
  'USER root',
  'USER gen3',
  'RUN <<EOF',
  'EOF',
  'RUN a \\',
  'COPY . /app',
  'CMD ["python"]',
  '# container-standards ignore=IMG001',
  'FROM \\\n  python',
  '\u0000\uFFFF\uD800',
);
const pythonLine = fc.constantFrom(
  'import hashlib',
  'hashlib.md5(data)',
  'hashlib.new("md5", usedforsecurity=False)',
  'hashlib.new("constructor")',
  'import hmac; hmac.new(k, m, "md5")',
  'def f(:',
  'x = (((((',
  '    return a.b.c.d',
  'from hashlib import *',
  '"""',
);
const text = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(fc.oneof(dockerLine, pythonLine, fc.string({ maxLength: 40 })), { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([lines, eol]) => lines.join(eol)),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant(`FROM python:3.13\n# ${'x'.repeat(SOURCE_LIMIT)}\n`) },
);
const int = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-1, -1e9, 1e9, 2 ** 31, Number.MAX_SAFE_INTEGER));
const position = fc.record({ line: int, character: int });
const range = fc.record({ start: position, end: position });
const uri = fc.constantFrom(...URIS);

type Command =
  | { kind: 'open'; uri: string; languageId: string; text: string }
  | { kind: 'change'; uri: string; text: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }
  | { kind: 'close'; uri: string }
  | { kind: 'request'; method: string; params: unknown };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), uri, languageId: fc.constantFrom(...LANGUAGES), text }),
  fc.record({ kind: fc.constant('change' as const), uri, text, range: fc.option(range, { nil: undefined }) }),
  fc.record({ kind: fc.constant('close' as const), uri }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constant('textDocument/codeAction'),
    params: fc.record({
      textDocument: fc.record({ uri }),
      range,
      context: fc.record({
        diagnostics: fc.constant([]),
        only: fc.option(fc.constantFrom(['quickfix'], ['source.fixAll.containerStandards']), { nil: undefined }),
      }),
    }),
  }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constantFrom(
      'textDocument/completion',
      'textDocument/hover',
      'textDocument/definition',
      'textDocument/documentHighlight',
      'textDocument/signatureHelp',
    ),
    params: fc.record({ textDocument: fc.record({ uri }), position }),
  }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constantFrom('textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/onTypeFormatting'),
    params: fc.record({
      textDocument: fc.record({ uri }),
      range,
      position,
      ch: fc.constantFrom('\\', '`', 'x'),
      options: fc.record({ tabSize: fc.oneof(int, fc.constant(1e9)), insertSpaces: fc.boolean() }),
    }),
  }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constantFrom('textDocument/foldingRange', 'textDocument/documentSymbol'),
    params: fc.record({ textDocument: fc.record({ uri }) }),
  }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constant('textDocument/rename'),
    params: fc.record({ textDocument: fc.record({ uri }), position, newName: fc.string({ maxLength: 10 }) }),
  }),
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constant('containerStandards/checkFiles'),
    params: fc.record({ uris: fc.array(uri, { maxLength: 3 }) }),
  }),
);

describe('fuzzing the language server over stdio', { timeout: 600_000 }, () => {
  const client = new TestClient();
  const alive = () => client.child.exitCode === null && client.child.signalCode === null;
  before(() => client.initialize(root));
  after(() => client.stop());

  it(`answers every request and stays alive (seed ${SEED}, ${RUNS} sequences)`, async () => {
    const versions = new Map<string, number>();
    const answer = (method: string, params: unknown) =>
      Promise.race([
        client.connection.sendRequest(method, params),
        new Promise((_, fail) => setTimeout(() => fail(new Error(`${method} not answered within ${ANSWER_MS} ms`)), ANSWER_MS)),
      ]);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        for (const c of commands) {
          if (c.kind === 'open') {
            versions.set(c.uri, 1);
            client.open(c.uri, c.languageId, c.text);
          } else if (c.kind === 'change') {
            const version = (versions.get(c.uri) ?? 0) + 1;
            versions.set(c.uri, version);
            void client.connection.sendNotification('textDocument/didChange', {
              textDocument: { uri: c.uri, version },
              contentChanges: [c.range ? { range: c.range, text: c.text } : { text: c.text }],
            });
          } else if (c.kind === 'close') {
            versions.delete(c.uri);
            client.close(c.uri);
          } else {
            await answer(c.method, c.params);
          }
          assert.ok(alive(), `the server died after ${JSON.stringify(c).slice(0, 200)}`);
        }
        // Every notification has been handled once a request after them is answered.
        await answer('textDocument/hover', { textDocument: { uri: URIS[0] }, position: { line: 0, character: 0 } });
        for (const open of versions.keys()) client.close(open);
        versions.clear();
        return alive();
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Still a working server: a fresh document gets its diagnostics.
    const u = local('after/Dockerfile');
    client.open(u, 'dockerfile', 'FROM python:3.13\nUSER gen3\n');
    const { diagnostics } = await client.diagnostics(u, (p) => p.diagnostics.length > 0, 30_000);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IMG001'],
    );
  });
});
