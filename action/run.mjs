// The action's check step. GitHub gives it the inputs as INPUT_* environment variables (action.yml maps
// them); it runs the CLI of this checkout with SARIF output, prints the findings to the log, writes a
// job summary and the step's outputs, and exits 0 so the upload can run; a later step fails the job.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
const words = (text) => text.split(/\s+/).filter(Boolean);

const actionPath = process.env.GITHUB_ACTION_PATH || resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
const cli = join(actionPath, 'dist', 'cli.js');
const sarifFile = input('sarif-file') || 'container-standards.sarif';

const args = ['check', ...words(input('paths') || '.'), '--format', 'sarif', '--output', sarifFile];
for (const [name, option] of [
  ['profile', '--profile'],
  ['severity', '--severity'],
  ['fail-on', '--fail-on'],
]) {
  if (input(name)) args.push(option, input(name));
}
args.push(...words(input('args')));

console.log(`container-standards ${args.map((a) => (/^[\w./:=@,+-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`);
const run = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, stdio: ['ignore', 'inherit', 'inherit'] });
const exitCode = run.status ?? 2;

const sarifPath = resolve(workspace, sarifFile);
let results = [];
let rules = [];
if (existsSync(sarifPath)) {
  try {
    const log = JSON.parse(readFileSync(sarifPath, 'utf8'));
    results = log.runs?.[0]?.results ?? [];
    rules = log.runs?.[0]?.tool?.driver?.rules ?? [];
  } catch (e) {
    console.log(`::warning::cannot read the SARIF report ${sarifFile}: ${e.message}`);
  }
}

// The log shows the findings as concise lines, so a fork's pull request (no code scanning upload) still says what is wrong.
for (const r of results) {
  const loc = r.locations?.[0]?.physicalLocation;
  const where = `${decodeURIComponent(loc?.artifactLocation?.uri ?? '?')}:${loc?.region?.startLine ?? 1}:${loc?.region?.startColumn ?? 1}`;
  console.log(`${where}: ${r.level} ${r.ruleId} ${r.message?.text ?? ''}`.replace(/[\x00-\x09\x0b-\x1f\x7f]/g, ' '));
}
console.log(`container-standards: ${results.length} finding${results.length === 1 ? '' : 's'}, exit code ${exitCode}`);

if (process.env.GITHUB_STEP_SUMMARY) {
  const counts = new Map();
  for (const r of results) counts.set(r.ruleId, (counts.get(r.ruleId) ?? 0) + 1);
  const name = (id) => rules.find((r) => r.id === id)?.name ?? '';
  const table = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => `| ${id} | ${name(id)} | ${n} |`);
  const summary = results.length
    ? `### Container standards: ${results.length} finding${results.length === 1 ? '' : 's'}\n\n| Rule | Name | Findings |\n| --- | --- | --- |\n${table.join('\n')}\n`
    : exitCode === 0
      ? '### Container standards: no findings\n'
      : `### Container standards: the check stopped with exit code ${exitCode} (see the log)\n`;
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
}

/** `name<<DELIM` blocks, as GitHub reads multi-line outputs; the delimiter cannot occur in the value. */
function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const delim = `cs_${randomBytes(8).toString('hex')}`;
  appendFileSync(file, `${name}<<${delim}\n${value}\n${delim}\n`);
}

setOutput('exit-code', String(exitCode));
setOutput('findings', String(results.length));
setOutput('sarif-file', existsSync(sarifPath) ? sarifFile : '');
