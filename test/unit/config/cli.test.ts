import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, run, tempTree } from '../helpers/cli';

const ROOTISH = 'FROM python:3.9\nUSER root\n';

/** `check --format json` → [shown path, profile, rule codes]. */
async function checked(cwd: string, ...args: string[]): Promise<Array<[string, string, string[]]>> {
  const r = await run(['check', '--format', 'json', ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { files: Array<{ path: string; profile: string; findings: Array<{ code: string }> }> };
  return report.files.map((f) => [f.path, f.profile, [...new Set(f.findings.map((x) => x.code))].sort()]);
}

describe('config lookup and the project boundary', { concurrency: true }, () => {
  it('F17: a config above the repository root does not apply', async () => {
    const root = tempTree({ '.container-standards.json': '{"rules": {"IMG001": "off", "USR001": "off", "USR002": "off"}}', 'repo/Dockerfile': ROOTISH });
    mkdirSync(join(root, 'repo/.git'));
    const [[, profile, codes]] = await checked(join(root, 'repo'), '.');
    assert.equal(profile, 'gen3');
    assert.ok(codes.includes('IMG001') && codes.includes('USR002'), codes.join());
  });

  it('outside any repository, a run does not pick up a config above the current folder', async () => {
    const root = tempTree({ '.container-standards.json': '{"profile": "defra"}', 'work/Dockerfile': ROOTISH });
    assert.equal((await checked(join(root, 'work'), '.'))[0][1], 'gen3');
    assert.equal((await checked(root, 'work'))[0][1], 'defra');
  });

  it('F09: a profile of /dev/zero or a FIFO is refused at once, even when outside paths are allowed', async () => {
    const cwd = tempTree({ Dockerfile: ROOTISH, '.container-standards.json': '{"profile": "/dev/zero"}' });
    mkdirSync(join(cwd, '.git'));
    const outside = await run(['check', '.'], { cwd });
    assert.equal(outside.code, 2);
    assert.equal(
      outside.stderr,
      'container-standards: .container-standards.json:1:13: expected a profile file inside the repository or workspace that holds this config; move the profile into the repository, or run with --allow-outside-profile if you trust this repository\n',
    );
    const allowed = await run(['check', '.', '--allow-outside-profile'], { cwd });
    assert.equal(allowed.code, 2);
    assert.match(allowed.stderr, /^container-standards: \.container-standards\.json:1:13: the profile file cannot be read: it is not a regular file; /);
    execFileSync('mkfifo', [join(cwd, 'team.profile.json')]);
    writeFileSync(join(cwd, '.container-standards.json'), '{"profile": "./team.profile.json"}');
    const started = Date.now();
    const fifo = await run(['check', '.'], { cwd });
    assert.equal(fifo.code, 2);
    assert.match(fifo.stderr, /cannot be read: it is not a regular file/);
    assert.ok(Date.now() - started < 5000);
  });

  it('a config that is a FIFO or a link to a device stops the run at once, naming the file', async () => {
    const cwd = tempTree({ Dockerfile: ROOTISH });
    execFileSync('mkfifo', [join(cwd, '.container-standards.json')]);
    const fifo = await run(['check', '.'], { cwd });
    assert.equal(fifo.code, 2);
    assert.match(fifo.stderr, /^container-standards: \.container-standards\.json:1:1: the config file cannot be read: it is not a regular file; /);
    const dev = tempTree({ Dockerfile: ROOTISH });
    symlinkSync('/dev/zero', join(dev, '.container-standards.json'));
    const zero = await run(['check', '.'], { cwd: dev });
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /the config file cannot be read: it is not a regular file/);
  });

  it('a profile file over 1 MB is refused', async () => {
    const cwd = tempTree({ Dockerfile: ROOTISH, '.container-standards.json': '{"profile": "big.json"}', 'big.json': ' '.repeat(1024 * 1024 + 1) });
    const r = await run(['check', '.'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /: the profile file cannot be read: it is larger than 1 MB/);
  });

  it('F10: a profile outside the project is not read; allowed, its content never reaches the message', async () => {
    const root = tempTree({ db_password: 's3cr3t-Passw0rd!\n', 'repo/Dockerfile': ROOTISH, 'repo/.container-standards.json': '{"profile": "../db_password"}' });
    mkdirSync(join(root, 'repo/.git'));
    const cwd = join(root, 'repo');
    const refused = await run(['check', '.'], { cwd });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /expected a profile file inside the repository/);
    for (const target of ['../db_password', '/etc/passwd']) {
      writeFileSync(join(cwd, '.container-standards.json'), JSON.stringify({ profile: target }));
      const r = await run(['check', '.', '--allow-outside-profile'], { cwd });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /:1:1: expected a JSON value; fix the profile; /);
      for (const leak of ['s3cr3t', 'Passw0rd', 'root:x', 'root']) assert.ok(!r.stderr.includes(leak), r.stderr);
    }
  });

  it('a symlink inside the repository that leads out of it is outside', async () => {
    const root = tempTree({ 'secret.json': '{}', 'repo/Dockerfile': ROOTISH, 'repo/.container-standards.json': '{"profile": "./team.profile.json"}' });
    mkdirSync(join(root, 'repo/.git'));
    symlinkSync(join(root, 'secret.json'), join(root, 'repo/team.profile.json'));
    const r = await run(['check', '.'], { cwd: join(root, 'repo') });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected a profile file inside the repository/);
  });

  it('--profile on the command line may name any file: the user chose it', async () => {
    const root = tempTree({ 'repo/Dockerfile': ROOTISH });
    writeFileSync(join(root, 'team.json'), readFileSync(join(REPO, 'profiles/defra.json')));
    assert.equal((await checked(join(root, 'repo'), '.', '--profile', '../team.json'))[0][1], 'defra');
  });
});

describe('config: exclude, .gitignore, overrides, extends', { concurrency: true }, () => {
  it('exclude and .gitignore leave files out of a folder scan; --no-gitignore puts them back', async () => {
    const cwd = tempTree({
      '.gitignore': 'build/\n*.local.Dockerfile\n',
      '.container-standards.json': '{"exclude": ["vendor/", "third_party/**/Dockerfile"]}',
      Dockerfile: ROOTISH,
      'build/Dockerfile': ROOTISH,
      'dev.local.Dockerfile': ROOTISH,
      'vendor/lib/Dockerfile': ROOTISH,
      'third_party/x/Dockerfile': ROOTISH,
      'svc/.gitignore': 'generated/\n',
      'svc/generated/Dockerfile': ROOTISH,
      'svc/Dockerfile': ROOTISH,
    });
    mkdirSync(join(cwd, '.git'));
    assert.deepEqual(
      (await checked(cwd, '.')).map((f) => f[0]),
      ['Dockerfile', 'svc/Dockerfile'],
    );
    assert.deepEqual(
      (await checked(cwd, '.', '--no-gitignore')).map((f) => f[0]),
      ['Dockerfile', 'build/Dockerfile', 'dev.local.Dockerfile', 'svc/Dockerfile', 'svc/generated/Dockerfile'],
    );
    writeFileSync(join(cwd, '.container-standards.json'), '{"gitignore": false}');
    assert.equal((await checked(cwd, '.')).length, 7);
  });

  it('a named file that is excluded is skipped with a notice (pre-commit passes names)', async () => {
    const cwd = tempTree({ '.container-standards.json': '{"exclude": ["vendor/"]}', 'vendor/Dockerfile': ROOTISH });
    const r = await run(['check', 'vendor/Dockerfile'], { cwd });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^container-standards: skipped 'vendor\/Dockerfile': the "exclude" of \.container-standards\.json lists it\n/);
  });

  it('overrides apply in order: profile, rules and scope per path', async () => {
    const cwd = tempTree({
      '.container-standards.json': JSON.stringify({
        profile: 'gen3',
        overrides: [
          { files: ['defra-svc/**'], profile: 'defra' },
          { files: ['**/Dockerfile.tools'], rules: { IMG001: 'off' } },
          { files: ['defra-svc/legacy/**'], profile: 'gen3', rules: { USR002: 'warning' } },
        ],
      }),
      'Dockerfile.tools': ROOTISH,
      'defra-svc/Dockerfile': ROOTISH,
      'defra-svc/legacy/Dockerfile': ROOTISH,
    });
    const files = await checked(cwd, '.');
    assert.deepEqual(
      files.map((f) => [f[0], f[1], f[2].includes('IMG001')]),
      [
        ['Dockerfile.tools', 'gen3', false],
        ['defra-svc/Dockerfile', 'defra', true],
        ['defra-svc/legacy/Dockerfile', 'gen3', true],
      ],
    );
    const r = await run(['check', 'defra-svc/legacy', '--select', 'USR002'], { cwd });
    assert.match(r.stdout, /warning USR002/);
  });

  it('extends: a built-in profile plus a mirror and a tag of its own', async () => {
    const gen3 = JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));
    const repo = gen3.repositories[0];
    const stable = repo.tags.find((t: { status: string }) => t.status === 'stable');
    const config = {
      extends: 'gen3',
      add: {
        mirrors: { [repo.name]: [{ name: 'registry.example/mirror/base', note: 'our pull-through cache' }] },
        tags: { [repo.name]: [{ ...stable, name: '3.13-team' }] },
      },
    };
    // gunicorn: evidence of a Python application, so the files are in scope whatever their tags hold.
    const cwd = tempTree({
      '.container-standards.json': JSON.stringify(config),
      Dockerfile: `FROM ${repo.name}:3.13-team\nUSER gen3\nCMD ["gunicorn"]\n`,
      'mirror.Dockerfile': `FROM registry.example/mirror/base:${stable.name}\nUSER gen3\nCMD ["gunicorn"]\n`,
    });
    const files = await checked(cwd, '.', '--select', 'IMG');
    const byPath = Object.fromEntries(files.map((f) => [f[0], f[2]]));
    assert.ok(!byPath['Dockerfile'].includes('IMG002'), 'the added tag is known');
    assert.ok(byPath['mirror.Dockerfile'].includes('IMG005'), 'the added mirror is recognised as one');
    const plain = await checked(tempTree({ Dockerfile: `FROM ${repo.name}:3.13-team\nUSER gen3\nCMD ["gunicorn"]\n` }), '.', '--select', 'IMG');
    assert.ok(plain[0][2].includes('IMG002'), 'without the config the tag is unknown');
  });
});

describe('discovery and the kind of a file', { concurrency: true }, () => {
  it('finds Dockerfile*, *Dockerfile, Containerfile*, *.Containerfile in any case, not *.dockerignore', async () => {
    const names = [
      'DockerfileShib',
      'DockerfileAlpine',
      'TestDockerfile',
      'dockerfile',
      'Dockerfile.dev',
      'api.dockerfile',
      'Containerfile',
      'Containerfile.ci',
      'build.containerfile',
      'DOCKERFILE',
    ];
    const skipped = ['Dockerfile.dockerignore', 'Dockerfile.md', 'dockerfile_utils.txt', 'notes'];
    const cwd = tempTree(Object.fromEntries([...names, ...skipped].map((n) => [`d/${n}`, ROOTISH])));
    const found = (await checked(cwd, '.')).map((f) => f[0].replace('d/', ''));
    assert.deepEqual(found.sort(), [...names].sort());
  });

  it('a named file whose name does not tell is a Dockerfile when it starts with FROM, ARG or a parser directive', async () => {
    const cwd = tempTree({
      'build.txt': ROOTISH,
      'args.in': 'ARG BASE=python\nFROM ${BASE}\n',
      'syntax.in': '# syntax=docker/dockerfile:1\n\nFROM python:3.9\n',
    });
    for (const name of ['build.txt', 'args.in', 'syntax.in']) {
      const r = await run(['check', name, '--format', 'json'], { cwd });
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).files[0].language, 'dockerfile', name);
    }
  });

  it('--language forces the kind', async () => {
    const cwd = tempTree({ 'hash.txt': 'import hashlib\nhashlib.md5(b"x")\n' });
    const r = await run(['check', 'hash.txt', '--language', 'python', '--format', 'json'], { cwd });
    assert.equal(JSON.parse(r.stdout).files[0].language, 'python');
    assert.ok(JSON.parse(r.stdout).files[0].findings.some((f: { code: string }) => f.code.startsWith('FIPS')));
    const bad = await run(['check', 'hash.txt', '--language', 'go'], { cwd });
    assert.equal(bad.code, 2);
  });

  it('--stdin takes its kind from --stdin-filename, else from the text: piped Python is never a clean Dockerfile', async () => {
    const cwd = tempTree();
    const python = 'from hashlib import md5\nmd5(b"x")\n';
    const asPython = JSON.parse((await run(['check', '--stdin', '--format', 'json'], { cwd, input: python })).stdout).files[0];
    assert.equal(asPython.language, 'python');
    assert.ok(asPython.findings.length > 0);
    const asDocker = JSON.parse((await run(['check', '--stdin', '--format', 'json'], { cwd, input: ROOTISH })).stdout).files[0];
    assert.equal(asDocker.language, 'dockerfile');
    const named = JSON.parse((await run(['check', '--stdin', '--stdin-filename', 'tool.py', '--format', 'json'], { cwd, input: ROOTISH })).stdout).files[0];
    assert.equal(named.language, 'python');
    const forced = JSON.parse((await run(['check', '--stdin', '--language', 'dockerfile', '--format', 'json'], { cwd, input: python })).stdout).files[0];
    assert.equal(forced.language, 'dockerfile');
  });
});
