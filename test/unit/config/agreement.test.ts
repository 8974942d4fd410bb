import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { languageOf } from '../../../server/src/engine';
import { REPO, run, tempTree } from '../helpers/cli';
import { TestClient } from '../helpers/lspClient';

/**
 * The editor and CI must report the same findings for the same file, however the profile is chosen:
 * the built-in default, a config's "profile", a profile file, "extends", an override, and the face's
 * own option (--profile on the command line, containerStandards.profile in the editor).
 */
const gen3 = JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));
const defra = readFileSync(join(REPO, 'profiles/defra.json'), 'utf8');
const base = gen3.repositories[0];
const stable = base.tags.find((t: { status: string }) => t.status === 'stable');

const SERVICE = 'FROM python:3.9\nUSER root\n';
const TEAM_TAG = `FROM ${base.name}:3.13-team\nUSER gen3\n`;
const PYTHON = 'import hashlib\nhashlib.md5(b"x")\n';

const TREE: Record<string, string> = {
  'default/Dockerfile': SERVICE,
  'default/app.py': PYTHON,
  'by-config/.container-standards.json': '{"profile": "defra", "rules": {"USR002": "warning"}}',
  'by-config/Dockerfile': SERVICE,
  'by-file/.container-standards.json': '{"profile": "./standards/team.profile.json"}',
  'by-file/standards/team.profile.json': defra,
  'by-file/Dockerfile': SERVICE,
  'by-extends/.container-standards.json': JSON.stringify({ extends: 'gen3', add: { tags: { [base.name]: [{ ...stable, name: '3.13-team' }] } } }),
  'by-extends/Dockerfile': TEAM_TAG,
  'by-extends/other.Dockerfile': SERVICE,
  'by-override/.container-standards.json': JSON.stringify({
    exclude: ['vendor/'],
    overrides: [
      { files: ['defra-svc/**'], profile: 'defra' },
      { files: ['**/tools.Dockerfile'], rules: { IMG001: 'off' }, scope: 'outside' },
    ],
  }),
  'by-override/Dockerfile': SERVICE,
  'by-override/defra-svc/Dockerfile': SERVICE,
  'by-override/tools.Dockerfile': SERVICE,
  'by-override/vendor/Dockerfile': SERVICE,
  'by-override/defra-svc/app.py': PYTHON,
};

type Seen = Record<string, string[]>;

const key = (code: unknown, severity: string, line: number, column: number) => `${line}:${column} ${severity} ${code}`;
const SEVERITY = ['', 'error', 'warning', 'info', 'info'];

async function fromCli(cwd: string, args: string[]): Promise<Seen> {
  const r = await run(['check', '.', '--format', 'json', ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const seen: Seen = {};
  for (const f of JSON.parse(r.stdout).files) seen[f.path] = f.findings.map((x: any) => key(x.code, x.severity, x.start.line, x.start.column)).sort();
  return seen;
}

async function fromEditor(root: string, settings: Record<string, unknown>): Promise<Seen> {
  const client = new TestClient();
  client.settings = settings;
  try {
    await client.initialize(root);
    const files = Object.keys(TREE).filter((f) => languageOf(f));
    for (const f of files) client.open(pathToFileURL(join(root, f)).href, languageOf(f)!, TREE[f]);
    // Wait until every document that is checked has been published; excluded ones never are.
    const seen: Seen = {};
    for (const f of files.filter((x) => !x.includes('vendor/'))) {
      const p = await client.diagnostics(pathToFileURL(join(root, f)).href);
      seen[f] = p.diagnostics.map((d: Diagnostic) => key(d.code, SEVERITY[d.severity ?? 1], d.range.start.line + 1, d.range.start.character + 1)).sort();
    }
    const vendor = client.publishedFor(pathToFileURL(join(root, 'by-override/vendor/Dockerfile')).href);
    assert.ok(
      vendor.every((p) => p.diagnostics.length === 0),
      'an excluded file gets no diagnostics, as CI skips it',
    );
    return seen;
  } finally {
    await client.stop();
  }
}

describe('the editor and the CLI agree on every file, however the profile is chosen', () => {
  const root = tempTree(TREE);
  mkdirSync(join(root, '.git'));

  it('from the configs (default, profile, profile file, extends, overrides, exclude)', async () => {
    const [cli, editor] = await Promise.all([fromCli(root, []), fromEditor(root, {})]);
    assert.ok(!('by-override/vendor/Dockerfile' in cli));
    assert.deepEqual(editor, cli);
    // The cases differ from each other, so agreement is not agreement on nothing.
    assert.notDeepEqual(cli['by-config/Dockerfile'], cli['default/Dockerfile']);
    assert.notDeepEqual(cli['by-extends/Dockerfile'], cli['by-extends/other.Dockerfile']);
    assert.notDeepEqual(cli['by-override/tools.Dockerfile'], cli['by-override/Dockerfile']);
    assert.ok(cli['default/app.py'].length > 0);
  });

  it('from the face option: --profile and containerStandards.profile, by id and by file', async () => {
    for (const [flag, setting] of [
      ['defra', 'defra'],
      ['by-file/standards/team.profile.json', 'by-file/standards/team.profile.json'],
    ]) {
      const [cli, editor] = await Promise.all([fromCli(root, ['--profile', flag]), fromEditor(root, { profile: setting })]);
      assert.deepEqual(editor, cli, flag);
    }
  });
});
