// One process that lints every file under the given folders with a peer's library (for peers whose
// command line takes one file per process), so each tool is measured as one whole process, as ours is.
//   node bench/peers/lint-files.mjs <tool> <folder>... [--warm <n>]
// tools: ruff (S324 through @astral-sh/ruff-wasm-nodejs), dockerlint, dockerfile-utils, ours (the engine in-process).
// With --warm n, every file is linted once to warm up, then n times more, and the per-file CPU time of
// the warm passes is printed as JSON on stdout (for the warm in-process comparison).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const tool = argv.shift();
const warmAt = argv.indexOf('--warm');
const warm = warmAt === -1 ? 0 : Number(argv.splice(warmAt, 2)[1]);

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
const paths = argv.flatMap(files);

async function linter() {
  switch (tool) {
    case 'ruff': {
      const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');
      const ws = new Workspace({ lint: { select: ['S324'] } }, PositionEncoding.Utf16);
      return (path) => ws.check(readFileSync(path, 'utf8')).length;
    }
    case 'dockerfile-utils': {
      const { validate } = require('dockerfile-utils');
      return (path) => validate(readFileSync(path, 'utf8')).length;
    }
    case 'dockerlint': {
      // dockerlint's checks log through console and exit on a fatal problem; keep them quiet.
      const parser = require('dockerlint/lib/parser');
      const checks = require('dockerlint/lib/checks');
      console.log = console.warn = console.error = () => {};
      return (path) => {
        const rules = parser.parser(path);
        return checks.all.filter((c) => checks[c](rules) === 'failed').length;
      };
    }
    case 'ours': {
      const { lint, builtinProfile, languageOf } = require('../../out/server/src/engine/index.js');
      const profile = builtinProfile('gen3');
      return async (path) => (await lint(readFileSync(path, 'utf8'), languageOf(path), { profile })).findings.length;
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const check = await linter();
let findings = 0;
for (const p of paths) findings += await check(p);
if (warm) {
  const start = process.cpuUsage();
  for (let i = 0; i < warm; i++) for (const p of paths) await check(p);
  const used = process.cpuUsage(start);
  process.stdout.write(JSON.stringify({ files: paths.length, findings, perFileMs: (used.user + used.system) / 1000 / (warm * paths.length) }) + '\n');
} else {
  process.stdout.write(JSON.stringify({ files: paths.length, findings }) + '\n');
}
