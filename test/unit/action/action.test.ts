import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, tempTree } from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;
const BAD = 'FROM python:3.13-slim\nUSER gen3\n';
const GOOD = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n';

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the check step as the runner does: the step's env with each `${{ inputs.x }}` replaced by the
 * input's value (or its default), GITHUB_* variables, the action's checkout as GITHUB_ACTION_PATH.
 */
function runCheckStep(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const step = action.runs.steps.find((s) => s.id === 'check')!;
  const files = tempTree({ output: '', summary: '' });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: REPO,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
  };
  for (const [key, value] of Object.entries(step.env ?? {})) {
    env[key] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
  }
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-e', '-c', step.run!], { cwd: workspace, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) =>
      done({ code, stdout, stderr, outputs: parseOutputs(readFileSync(join(files, 'output'), 'utf8')), summary: readFileSync(join(files, 'summary'), 'utf8') }),
    );
  });
}

/** GitHub's `name<<DELIM … DELIM` output file format. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) outputs[m[1]] = m[3];
  return outputs;
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action that installs from the lock file and never runs a package by name', () => {
    assert.equal(action.runs.using, 'composite');
    const install = action.runs.steps[0];
    assert.equal(install.run, 'bash "$GITHUB_ACTION_PATH/action/install.sh"');
    const script = readFileSync(join(REPO, 'action/install.sh'), 'utf8');
    assert.match(script, /^npm ci --ignore-scripts /m);
    assert.match(script, /^node scripts\/build\.mjs$/m);
    const everything = readFileSync(join(REPO, 'action.yml'), 'utf8') + script + readFileSync(join(REPO, 'action/run.mjs'), 'utf8');
    assert.doesNotMatch(everything, /\bnpx\b|npm (?:exec|install) [^-]/);
  });

  it('takes paths, profile, fail-on, severity, sarif-file, upload, category and args, and passes every input to the script by environment', () => {
    assert.deepEqual(Object.keys(action.inputs).sort(), ['args', 'category', 'fail-on', 'paths', 'profile', 'sarif-file', 'severity', 'upload']);
    const check = action.runs.steps.find((s) => s.id === 'check')!;
    assert.doesNotMatch(check.run!, /\$\{\{/, 'no input is pasted into shell text');
    for (const name of ['paths', 'profile', 'fail-on', 'severity', 'sarif-file', 'args']) {
      assert.equal(check.env?.[`INPUT_${name.toUpperCase()}`], `\${{ inputs.${name} }}`, name);
    }
  });

  it('uploads to code scanning by default, even when the check found something, then fails the job', () => {
    assert.equal(action.inputs.upload.default, 'true');
    const steps = action.runs.steps;
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const fail = steps.findIndex((s) => s.name === 'Fail on findings');
    assert.ok(upload > 0 && fail > upload);
    assert.match(steps[upload].if!, /always\(\) && inputs\.upload == 'true'/);
    assert.equal(steps[upload].with?.sarif_file, '${{ steps.check.outputs.sarif-file }}');
    assert.match(steps[fail].if!, /steps\.check\.outputs\.exit-code != '0'/);
  });

  it('check step: writes SARIF, sets exit-code 1 and the count, lists findings in the log and the job summary', async () => {
    const workspace = tempTree({ 'svc/Dockerfile': BAD, 'ok/Dockerfile': GOOD });
    const r = await runCheckStep(workspace, { args: '--select IMG001' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.outputs, { 'exit-code': '1', findings: '1', 'sarif-file': 'container-standards.sarif' });
    const log = JSON.parse(readFileSync(join(workspace, 'container-standards.sarif'), 'utf8'));
    assert.equal(log.runs[0].results[0].ruleId, 'IMG001');
    assert.match(r.stdout, /^svc\/Dockerfile:1:6: error IMG001 'python' is not an approved base image/m);
    assert.match(r.summary, /\| IMG001 \| unapproved-base-image \| 1 \|/);
  });

  it('check step: paths, profile and sarif-file inputs reach the CLI; a clean check gives exit-code 0', async () => {
    const workspace = tempTree({ 'a/Dockerfile': readFileSync(join(REPO, 'examples/defra/compliant/Dockerfile'), 'utf8'), 'b/Dockerfile': BAD });
    const r = await runCheckStep(workspace, { paths: 'a', profile: 'defra', 'sarif-file': 'reports/cs.sarif' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs['exit-code'], '0', r.stdout + r.stderr);
    assert.equal(r.outputs['sarif-file'], 'reports/cs.sarif');
    const log = JSON.parse(readFileSync(join(workspace, 'reports/cs.sarif'), 'utf8'));
    assert.deepEqual(log.runs[0].properties.profiles, ['defra']);
    assert.deepEqual(log.runs[0].results, []);
    assert.match(r.summary, /no findings/);
  });

  it('check step: a bad input gives exit-code 2 and no SARIF to upload; input text never runs as a command', async () => {
    const workspace = tempTree({ Dockerfile: BAD });
    const r = await runCheckStep(workspace, { profile: '$(touch pwned)`touch pwned2`' });
    assert.equal(r.code, 0);
    assert.equal(r.outputs['exit-code'], '2');
    assert.equal(r.outputs['sarif-file'], '');
    assert.match(r.stderr, /unknown profile/);
    assert.ok(!existsSync(join(workspace, 'pwned')) && !existsSync(join(workspace, 'pwned2')));
  });

  it('the README workflow uses this action pinned to a tag, with the permissions the upload needs', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const workflow = /## GitHub code scanning[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(workflow);
    const doc = yaml.load(workflow) as { jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
    const job = Object.values(doc.jobs)[0];
    assert.equal(job.permissions['security-events'], 'write');
    const uses = job.steps.map((s) => s.uses ?? '');
    assert.ok(
      uses.some((u) => /^container-standards\/container-standards@v\d+\.\d+\.\d+$/.test(u)),
      uses.join(', '),
    );
    assert.doesNotMatch(workflow, /\bnpx\b/);
  });
});
