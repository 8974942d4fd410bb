import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';
import { REPO, run, tempTree } from '../helpers/cli';

const PYTHON = 'FROM python:3.13-slim\n';
const gen3 = () => JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));

/** A custom profile that approves Docker Hub's python image. */
function acmeProfile(): string {
  const profile = gen3();
  profile.id = 'acme';
  profile.repositories = [{ name: 'python', role: 'base', description: 'Docker Official Image', tags: [] }];
  profile.retired = [];
  profile.recommendations = { default: 'python:3.13-slim' };
  return JSON.stringify(profile, null, 2);
}

const files = async (cwd: string, ...args: string[]) => {
  const r = await run(['check', '--format', 'json', '--select', 'IMG001', ...args], { cwd });
  assert.notEqual(r.code, 2, r.stderr);
  return JSON.parse(r.stdout).files.map((f: { path: string; profile: string; findings: unknown[] }) => [f.path, f.profile, f.findings.length]);
};

describe('--profile', { concurrency: true }, () => {
  it('takes a built-in id', async () => {
    const cwd = tempTree({ Dockerfile: 'FROM defradigital/python:2.0.1-python3.13.9\n' });
    assert.deepEqual(await files(cwd), [['Dockerfile', 'gen3', 1]]);
    assert.deepEqual(await files(cwd, '--profile', 'defra'), [['Dockerfile', 'defra', 0]]);
  });

  it('takes a profile file, validated and applied', async () => {
    const cwd = tempTree({ Dockerfile: PYTHON, 'ops/acme.json': acmeProfile() });
    assert.deepEqual(await files(cwd, '--profile', 'ops/acme.json'), [['Dockerfile', 'acme', 0]]);
    assert.deepEqual(await files(cwd, '--profile', join(cwd, 'ops/acme.json')), [['Dockerfile', 'acme', 0]]);
  });
});

describe('.container-standards.json', { concurrency: true }, () => {
  const layout = () =>
    tempTree({
      'gen3-svc/Dockerfile': PYTHON,
      'defra-svc/.container-standards.json': '{ "profile": "defra", "rules": { "unapproved-base-image": "warning" } }',
      'defra-svc/api/Dockerfile': PYTHON,
      'acme-svc/.container-standards.json': '{ "profile": "../profiles/acme.json" }',
      'acme-svc/Dockerfile': PYTHON,
      'profiles/acme.json': acmeProfile(),
    });

  it('the nearest one sets the profile and rule settings of the files below it', async () => {
    const cwd = layout();
    assert.deepEqual(await files(cwd), [
      ['acme-svc/Dockerfile', 'acme', 0],
      ['defra-svc/api/Dockerfile', 'defra', 1],
      ['gen3-svc/Dockerfile', 'gen3', 1],
    ]);
    const r = await run(['check', 'defra-svc', '--select', 'IMG001'], { cwd });
    assert.match(r.stdout, /^defra-svc\/api\/Dockerfile:1:6: warning IMG001 /);
  });

  it('--profile wins over it, and --no-config ignores it', async () => {
    const cwd = layout();
    assert.deepEqual(
      (await files(cwd, '--profile', 'defra')).map((f: unknown[]) => f[1]),
      ['defra', 'defra', 'defra'],
    );
    assert.deepEqual(
      (await files(cwd, '--no-config')).map((f: unknown[]) => f[1]),
      ['gen3', 'gen3', 'gen3'],
    );
  });

  it('--rule wins over its rule settings', async () => {
    const cwd = layout();
    const r = await run(['check', 'defra-svc', '--select', 'IMG001', '--rule', 'IMG001=error'], { cwd });
    assert.match(r.stdout, /^defra-svc\/api\/Dockerfile:1:6: error IMG001 /);
  });

  it('a broken one is an input error naming the file', async () => {
    const cwd = tempTree({ 'svc/.container-standards.json': '{ "profle": "defra" }', 'svc/Dockerfile': PYTHON });
    const r = await run(['check'], { cwd });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'container-standards: svc/.container-standards.json:1:3: unknown setting "profle"; expected a known setting: profile, extends, add, rules, buildArgs, scope, exclude, gitignore, overrides; fix the file (profiles/config.schema.json describes it), or run with --no-config to ignore it\n',
    );
    const bad = tempTree({ '.container-standards.json': '{ "rules": { "IMG001": "loud" } }', Dockerfile: PYTHON });
    const r2 = await run(['check'], { cwd: bad });
    assert.equal(r2.code, 2);
    assert.equal(
      r2.stderr,
      'container-standards: .container-standards.json:1:24: expected "off", "error", "warning" or "info"; fix the file (profiles/config.schema.json describes it), or run with --no-config to ignore it\n',
    );
  });

  it('its buildArgs reach the engine', async () => {
    const cwd = tempTree({
      '.container-standards.json': '{ "buildArgs": { "BASE": "quay.io/cdis/amazonlinux-base" } }',
      Dockerfile: 'ARG BASE=python\nFROM ${BASE}:3.13\n',
    });
    assert.deepEqual(await files(cwd), [['Dockerfile', 'gen3', 0]]);
    assert.deepEqual(await files(cwd, '--build-arg', 'BASE=python'), [['Dockerfile', 'gen3', 1]]);
  });
});

describe('rules, profiles, --help, --version', { concurrency: true }, () => {
  const cwd = tempTree();

  it('rules lists every rule with code, name, severity and summary', async () => {
    const text = await run(['rules'], { cwd });
    assert.equal(text.code, 0);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^CODE\s+NAME\s+SEVERITY\s+SUMMARY$/);
    assert.equal(lines.length, allRules().length + 1);
    for (const rule of allRules())
      assert.ok(
        lines.some((l) => l.startsWith(rule.code) && l.includes(rule.name) && l.includes(rule.summary)),
        rule.code,
      );
    const json = await run(['--list-rules', '--format', 'json'], { cwd });
    assert.deepEqual(JSON.parse(json.stdout), allRules());
  });

  it('profiles lists the built-in profiles and validates profile files', async () => {
    const list = await run(['profiles'], { cwd });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^gen3 {2}Gen3 Python 3\.13 image standard$/m);
    assert.match(list.stdout, /^defra {2}Defra Python parent images$/m);
    // What each profile requires, when its data was checked and where each fact comes from.
    assert.match(list.stdout, /^ {4}user: any non-root user \(the images create nonroot, UID 1000, GID 1000\) {2}\[dockerfile\]$/m);
    assert.match(list.stdout, /^ {4}user: gen3 \(UID 1000, GID 1000\) {2}\[seed\]$/m);
    assert.match(list.stdout, /^ {6}2\.7\.0-python3\.14\.6 {2}stable {2}python 3\.14 {2}\[matrix-2\.7\.0\]$/m);
    assert.match(list.stdout, /^ {4}data checked \d{4}-\d{2}-\d{2}; sources:$/m);
    assert.match(list.stdout, /^ {6}\[matrix-2\.7\.0\] DEFRA\/defra-docker-python at 33587ccd: image-matrix\.json/m);
    const json = await run(['--list-profiles', '--format', 'json'], { cwd });
    assert.deepEqual(
      JSON.parse(json.stdout).map((p: { id: string }) => p.id),
      ['gen3', 'defra'],
    );

    const dir = tempTree({ 'acme.json': acmeProfile(), 'broken.json': '{"id": "x"}' });
    const ok = await run(['profiles', 'acme.json'], { cwd: dir });
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /^acme {2}.+\n {4}acme\.json: valid; repositories: python\n/);
    const broken = await run(['profiles', 'broken.json'], { cwd: dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^container-standards: broken\.json:1:1: the profile needs "title" \(and \d+ more problems\); fix the profile; .+\n$/);
  });

  it('--version prints the package version and --help the usage', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(await run(['--version'], { cwd }), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await run(['--help'], { cwd });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: container-standards <command> \[options\]/);
    for (const option of [
      '--profile',
      '--format',
      '--fix',
      '--fix-unsafe',
      '--severity',
      '--rule',
      '--build-arg',
      '--stdin',
      '--output',
      '--quiet',
      '--no-color',
    ]) {
      assert.ok(help.stdout.includes(option), option);
    }
  });
});
