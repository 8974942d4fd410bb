// Rewrites the README's generated parts from real runs of the CLI (the readme test fails when one is stale):
// the rules table, and the sample text output of a check of a non-compliant example.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** The command the README shows; the readme test runs the same one. */
export const SAMPLE_ARGS = ['check', 'examples/gen3/non-compliant/Dockerfile'];

function cli(args) {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', env }).stdout;
}

export function sampleBlock(output) {
  return '```console\n$ container-standards ' + SAMPLE_ARGS.join(' ') + '\n' + output + '```\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8');
  const next = readme
    .replace(/(<!-- rules:start[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/, (_, start, end) => start + cli(['rules', '--format', 'markdown']) + end)
    .replace(/(<!-- sample:start[^>]*-->\n)[\s\S]*?(<!-- sample:end -->)/, (_, start, end) => start + sampleBlock(cli(SAMPLE_ARGS)) + end);
  writeFileSync('README.md', next);
  console.log(next === readme ? 'README rules table and sample output already current' : 'README rules table / sample output updated');
}
