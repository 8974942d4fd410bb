// Writes what is generated from the code: docs/rules/CODE.md and the README's rules table from the doc
// comments of the rule files, and the README's sample output from a real run of the CLI. `npm test` runs
// it before the tests; with --check (or under CI) it writes nothing and fails when a file is stale, so
// the committed output always matches the rule files. Needs `npm run build` and `tsc` first (dist/, out/).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { generatedDocs, staleDocs } = require(join(root, 'out/server/src/docs/ruleDocs.js'));

/** The command the README shows; the readme test runs the same one. */
export const SAMPLE_ARGS = ['check', 'examples/gen3/non-compliant/Dockerfile'];

function cli(args) {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { encoding: 'utf8', env, cwd: root }).stdout;
}

export function sampleBlock(output) {
  return '```console\n$ container-standards ' + SAMPLE_ARGS.join(' ') + '\n' + output + '```\n';
}

function withSample(readme) {
  return readme.replace(/(<!-- sample:start[^>]*-->\n)[\s\S]*?(<!-- sample:end -->)/, (_, start, end) => start + sampleBlock(cli(SAMPLE_ARGS)) + end);
}

function main() {
  const check = process.argv.includes('--check') || !!process.env.CI;
  const files = generatedDocs(root);
  files.set('README.md', withSample(files.get('README.md')));
  const changed = [...files].filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text);
  const orphans = staleDocs(root).filter((s) => s.endsWith('(no rule)'));
  if (check) {
    const stale = [...changed.map(([path]) => path), ...orphans];
    if (stale.length) {
      console.error(`generated files are stale (run \`npm run docs:rules\` and commit them):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    return;
  }
  for (const [path, text] of changed) writeFileSync(join(root, path), text);
  for (const orphan of orphans) rmSync(join(root, orphan.replace(/ \(no rule\)$/, '')));
  if (changed.length || orphans.length) console.log(`docs:rules updated (commit them): ${[...changed.map(([p]) => p), ...orphans].join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
