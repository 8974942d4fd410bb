// Benchmark of the engine on the per-keystroke path: how long one lint of a typical and of a large
// Dockerfile / Python file takes, cold (first call: parser start-up) and warm, and the language
// server's edit-to-diagnostics time. Run: npm run bench
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { lint, builtinProfile } = require('../out/server/src/engine/index.js');

const profile = builtinProfile('gen3');
const runs = Number(process.env.BENCH_RUNS ?? 200);

function dockerfile(lines) {
  const out = ['ARG AZLINUX_BASE_VERSION=3.13-pythonnginx', 'FROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION} AS base', 'FROM base AS builder', 'USER root'];
  for (let i = 0; out.length < lines - 6; i++) {
    out.push(i % 10 === 0 ? `FROM python:3.13-slim AS extra${i}` : i % 3 === 0 ? `RUN dnf install -y pkg${i} && \\\n    dnf clean all` : `COPY src/file${i}.py /app/file${i}.py`);
  }
  out.push('FROM base', 'COPY --from=builder /venv /venv', 'USER gen3', 'WORKDIR /app', 'CMD ["gunicorn", "app:app"]');
  return out.join('\n') + '\n';
}

function python(lines) {
  const out = ['import hashlib', 'import hashlib as h', 'from hashlib import md5 as m', 'import hmac', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `def handler_${i}(data, key):`,
      `    """Docstring mentioning hashlib.md5(data) is not a call."""`,
      i % 4 === 0 ? `    digest = hashlib.md5(data).hexdigest()` : `    digest = hashlib.md5(data, usedforsecurity=False).hexdigest()`,
      i % 7 === 0 ? `    mac = hmac.new(key, data, hashlib.md5)` : `    mac = hmac.new(key, data, hashlib.sha256)`,
      `    values = [x * 2 for x in range(${i % 50})]`,
      `    return digest, mac, values`,
      '',
    );
  }
  return out.join('\n') + '\n';
}

async function measure(label, text, language) {
  const t0 = performance.now();
  const first = await lint(text, language, { profile });
  const cold = performance.now() - t0;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await lint(text, language, { profile });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  const lines = text.split('\n').length - 1;
  console.log(`${label.padEnd(22)} ${String(lines).padStart(5)} lines  ${String(first.findings.length).padStart(4)} findings  cold ${cold.toFixed(1)} ms  warm median ${q(0.5)} ms  p95 ${q(0.95)} ms  max ${q(1)} ms`);
}

console.log(`node ${process.version}, ${runs} warm runs each`);
await measure('Dockerfile (typical)', dockerfile(40), 'dockerfile');
await measure('Dockerfile (large)', dockerfile(300), 'dockerfile');
await measure('Python (typical)', python(200), 'python');
await measure('Python (large)', python(2000), 'python');

// The editor path end to end: the bundled server over stdio, from a didChange to the diagnostics it
// publishes, minus the typing pause the server waits on purpose. Includes JSON-RPC and process hops.
const { spawn } = await import('node:child_process');
const { fileURLToPath, pathToFileURL } = await import('node:url');
const rpc = require('vscode-languageserver-protocol/node');

async function measureServer(label, text, language, fileName, pauseMs = 200) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../dist/server.js', import.meta.url)), '--stdio']);
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let resolveNext;
  conn.onNotification('textDocument/publishDiagnostics', (p) => resolveNext?.(p));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = pathToFileURL(`/tmp/bench/${fileName}`).href;
  const next = () => new Promise((r) => (resolveNext = r));
  let published = next();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: language, version: 1, text } });
  await published;
  const times = [];
  const serverRuns = Math.min(runs, 30);
  for (let v = 2; v < serverRuns + 2; v++) {
    published = next();
    const s = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: text + `# edit ${v}\n` }] });
    await published;
    times.push(performance.now() - s - pauseMs);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  console.log(`${label.padEnd(22)} edit → diagnostics after the ${pauseMs} ms pause: median ${q(0.5)} ms  p95 ${q(0.95)} ms  (${serverRuns} edits)`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
}

console.log('\nlanguage server (dist/server.js over stdio)');
await measureServer('Dockerfile (large)', dockerfile(300), 'dockerfile', 'Dockerfile');
await measureServer('Python (large)', python(2000), 'python', 'app.py');
