// The editor sections of the benchmark: the real language server (dist/server.js) over stdio, as an
// editor drives it. `npm run bench` runs them after the CLI sections; run them alone with
//   node bench/editor.mjs [--only editor|memory] [--edits N] [--lines 1000,10000] [--language python|dockerfile] [--json out.json]
// (after `npm run build`). Latency is from a single-character edit to its diagnostics, minus the typing
// pause the server waits on purpose; the server's CPU time (all its threads, from /proc) is read around the edits.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pythonModule, rng, writeCorpus } from './corpus.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
export const PAUSE_MS = 200;
const filesIn = (dir) =>
  readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));

/** Starts dist/server.js over stdio; `extraArgs` go to node (e.g. --cpu-prof). */
export async function startServer(extraArgs = []) {
  const rpc = require('vscode-languageserver-protocol/node');
  const child = spawn(process.execPath, [...extraArgs, join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.uri);
    if (w && (p.version === undefined || p.version >= w.version)) {
      waiting.delete(p.uri);
      w.resolve(p);
    }
  });
  conn.onNotification(() => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const diagnostics = (uri, version) => new Promise((resolve) => waiting.set(uri, { version, resolve }));
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
  /** CPU seconds the server has used (user + system, all threads, from /proc; clock ticks of 10 ms). */
  const cpu = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stop = async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await exited;
    conn.dispose();
  };
  return { conn, diagnostics, rss, cpu, stop, pid: child.pid };
}

export function dockerText(lines) {
  const out = [
    'ARG AZLINUX_BASE_VERSION=3.13-pythonnginx',
    'FROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION} AS base',
    'FROM base AS builder',
    'USER root',
  ];
  for (let i = 0; out.length < lines - 5; i++)
    out.push(i % 25 === 0 ? `FROM base AS extra${i}` : i % 3 === 0 ? `RUN dnf install -y pkg${i}` : `COPY src/file${i}.py /app/file${i}.py`);
  out.push('FROM base', 'COPY --from=builder /venv /venv', 'USER gen3', 'WORKDIR /app', 'CMD ["gunicorn", "app:app"]');
  return out.join('\n') + '\n';
}

export const LANGUAGES = {
  python: { make: (n) => pythonModule(rng(n), n, true), name: 'app.py' },
  dockerfile: { make: dockerText, name: 'Dockerfile' },
};

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Opens each document, then makes `edits` single-character edits at the end of its line 1 (typing, then deleting). */
export async function editorLatency(server, work, { languages = ['python', 'dockerfile'], lines = [100, 1000, 10000], edits = 30 } = {}) {
  const out = {};
  let seq = 0;
  for (const language of languages) {
    const { make, name } = LANGUAGES[language];
    for (const n of lines) {
      const text = make(n);
      const uri = pathToFileURL(join(work, `doc${seq++}`, name)).href;
      let version = 1;
      const t0 = performance.now();
      const opened = server.diagnostics(uri, version);
      await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: language, version, text } });
      await opened;
      const first = performance.now() - t0;
      const times = [];
      const cpuBefore = server.cpu();
      const lineLength = text.indexOf('\n');
      for (let i = 0; i < edits; i++) {
        version++;
        const at = { line: 0, character: lineLength };
        // Incremental, as VS Code sends them.
        const change =
          i % 2 === 0 ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: 0, character: lineLength + 1 } }, text: '' };
        const published = server.diagnostics(uri, version);
        const s = performance.now();
        await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        await published;
        times.push(performance.now() - s - PAUSE_MS);
      }
      const cpuPerEditMs = ((server.cpu() - cpuBefore) / edits) * 1000;
      await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      out[`${language} ${n}`] = { firstMs: first, p50: pct(times, 0.5), p95: pct(times, 0.95), p99: pct(times, 0.99), edits, cpuPerEditMs, load: loadavg()[0] };
    }
  }
  return out;
}

/** Server RSS idle, and after opening `count` Python documents (`texts` first, then generated 300-line modules). */
export async function serverMemory(server, work, texts, count = 1000) {
  await new Promise((r) => setTimeout(r, 500));
  const idle = server.rss();
  const r = rng(7);
  for (let i = 0; i < count; i++) {
    const text = i < texts.length ? texts[i] : pythonModule(r, 300, true);
    const uri = pathToFileURL(join(work, 'open', `m${i}.py`)).href;
    const done = server.diagnostics(uri, 1);
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await done;
  }
  await new Promise((res) => setTimeout(res, 1000));
  return { idleMiB: idle, after1000DocsMiB: server.rss() };
}

// Run alone: node bench/editor.mjs …
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const only = arg('--only');
  const work = mkdtempSync(join(tmpdir(), 'container-standards-editor-'));
  const result = { date: new Date().toISOString(), loadAtStart: loadavg() };
  const nodeArgs = arg('--node-args')?.split(' ') ?? [];
  if (only !== 'memory') {
    const server = await startServer(nodeArgs);
    result.editor = await editorLatency(server, work, {
      languages: arg('--language')?.split(',') ?? ['python', 'dockerfile'],
      lines: arg('--lines')?.split(',').map(Number) ?? [100, 1000, 10000],
      edits: Number(arg('--edits') ?? 30),
    });
    await server.stop();
  }
  if (only !== 'editor') {
    const server = await startServer(nodeArgs);
    // The same documents as `npm run bench`: the dense files, then the generated modules.
    const corpus = join(work, 'corpus');
    writeCorpus(corpus);
    const texts = ['dense', 'python']
      .flatMap((d) => filesIn(join(corpus, d)))
      .slice(0, 1000)
      .map((f) => readFileSync(f, 'utf8'));
    result.serverMemory = await serverMemory(server, work, texts, Number(arg('--documents') ?? 1000));
    await server.stop();
  }
  result.loadAtEnd = loadavg();
  rmSync(work, { recursive: true, force: true });
  const json = JSON.stringify(result, null, 2);
  if (arg('--json')) writeFileSync(arg('--json'), json + '\n');
  console.log(json);
}
