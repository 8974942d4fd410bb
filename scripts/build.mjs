// Bundles the CLI, the language server and the VS Code client with esbuild, and copies the Python
// grammar's WebAssembly next to them so the bundles need no node_modules at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

// The profile's types and its validator are compiled from profiles/profile.schema.json first (Ajv
// standalone code: the bundles get the generated checks, not Ajv's compiler).
await import('./profile-schema.mjs');

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// dockerfile-language-service asks Docker Hub for tags; the bundle gets a client that never connects.
const offlineRegistry = {
  name: 'offline-registry',
  setup(b) {
    b.onResolve({ filter: /\/dockerRegistryClient$/ }, (args) =>
      args.importer.includes('dockerfile-language-service') ? { path: join(root, 'server/src/lsp/offlineRegistryClient.ts') } : undefined,
    );
  },
};

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  // `check --jobs` lints in worker threads (server/src/cli/pool.ts) running this bundle.
  { in: 'server/src/cli/checkWorker.ts', out: 'checkWorker' },
  { in: 'server/src/server.ts', out: 'server', banner: '#!/usr/bin/env node' },
  // The language server lints in worker threads (server/src/lsp/workerLinter.ts) running this bundle.
  { in: 'server/src/lsp/engineWorker.ts', out: 'engineWorker' },
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
].filter((e) => existsSync(join(root, e.in)));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [join(root, e.in)],
      outfile: join(dist, `${e.out}.js`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      minify: process.argv.includes('--minify'),
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
      plugins: [offlineRegistry],
      // jsonc-parser's UMD build requires its parts at run time, which a bundle cannot; its ES build bundles.
      alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
      // The bundles find the grammar next to themselves (copied below); the require.resolve fallback in
      // server/src/engine/python/parser.ts is for the unbundled tests.
      logOverride: { 'require-resolve-not-external': 'silent' },
    }),
  ),
);

const wasmDir = dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) cpSync(join(wasmDir, file), join(dist, file));
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')}`);
