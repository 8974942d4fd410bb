import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, othersMay, REPO, run, tempTree } from '../helpers/cli';

const BAD = 'FROM python:3.13-slim\nUSER gen3\n';

/** Exit 2, nothing on stdout, and exactly this one line on stderr. */
async function expectUsageError(args: string[], stderr: string | RegExp, cwd = tempTree({ Dockerfile: BAD })) {
  const r = await run(args, { cwd });
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, `one line on stderr, got: ${JSON.stringify(r.stderr)}`);
  if (typeof stderr === 'string') assert.equal(r.stderr, stderr + '\n');
  else assert.match(r.stderr.trimEnd(), stderr);
}

describe('exit code 2 with one line on stderr', { concurrency: true }, () => {
  it('missing path', () => expectUsageError(['check', 'nope/Dockerfile'], "container-standards: no such file or folder 'nope/Dockerfile'; check the path"));

  it('unknown option', () =>
    expectUsageError(
      ['check', '--fixx'],
      "container-standards: unknown option '--fixx'; did you mean '--fix'? run 'container-standards --help' to see the options",
    ));

  it('unknown option far from any: no guess', () =>
    expectUsageError(['check', '--zzzzzz'], "container-standards: unknown option '--zzzzzz'; run 'container-standards --help' to see the options"));

  it('did you mean, for options, commands and rule codes', async () => {
    await expectUsageError(
      ['check', '--formt', 'json'],
      "container-standards: unknown option '--formt'; did you mean '--format'? run 'container-standards --help' to see the options",
    );
    await expectUsageError(
      ['chek'],
      "container-standards: unknown command 'chek'; did you mean 'check'? use check, rules, profiles, lsp or catalog sync (see 'container-standards --help')",
    );
    await expectUsageError(
      ['check', '--rule', 'IMG01=off'],
      "container-standards: unknown rule 'IMG01' in --rule; did you mean 'IMG001'? run 'container-standards rules' to list the rules",
    );
    await expectUsageError(
      ['check', '--select', 'root-usr'],
      /^container-standards: --select 'root-usr' matches no rule; did you mean 'root-user'\? give codes/,
    );
  });

  it('option without its value', () =>
    expectUsageError(['check', '--profile'], "container-standards: option '--profile' needs a value; run 'container-standards --help' to see the options"));

  it('no command', () =>
    expectUsageError([], "container-standards: no command given; run 'container-standards check [paths...]', or 'container-standards --help' for more"));

  it('unknown command', () =>
    expectUsageError(
      ['lint'],
      "container-standards: unknown command 'lint'; use check, rules, profiles, lsp or catalog sync (see 'container-standards --help')",
    ));

  it('option of another command', () =>
    expectUsageError(
      ['rules', '--fix'],
      "container-standards: --fix does not apply to 'rules'; run 'container-standards --help' to see which options each command takes",
    ));

  it('unknown profile id', () =>
    expectUsageError(
      ['check', '--profile', 'acme'],
      "container-standards: unknown profile 'acme' in --profile; use one of gen3, defra, or a path to a profile file",
    ));

  it('missing profile file', () =>
    expectUsageError(
      ['check', '--profile', './acme.json'],
      "container-standards: cannot read profile file 'acme.json' (--profile): it does not exist; check the path, or use one of gen3, defra",
    ));

  it('profile file that is not JSON', () =>
    expectUsageError(
      ['check', '--profile', 'p.json'],
      /^container-standards: p\.json:1:9: expected a value; fix the profile; profiles\/profile\.schema\.json describes the format$/,
      tempTree({ Dockerfile: BAD, 'p.json': '{ "id": ' }),
    ));

  it('profile file that breaks the schema names the JSON path', () => {
    const profile = JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));
    profile.repositories[0].role = 'runtime';
    return expectUsageError(
      ['check', '--profile', 'p.json'],
      /^container-standards: p\.json:1:\d+: repositories\[0\]\.role must be one of "base", "production", "development"; fix the profile; profiles\/profile\.schema\.json describes the format$/,
      tempTree({ Dockerfile: BAD, 'p.json': JSON.stringify(profile) }),
    );
  });

  it('unknown rule in --rule', () =>
    expectUsageError(
      ['check', '--rule', 'XYZ999=off'],
      "container-standards: unknown rule 'XYZ999' in --rule; run 'container-standards rules' to list the rules",
    ));

  it('bad rule setting', () =>
    expectUsageError(['check', '--rule', 'IMG001=loud'], "container-standards: 'loud' for IMG001 in --rule is not a setting; use off, error, warning or info"));

  it('--rule without =', () =>
    expectUsageError(
      ['check', '--rule', 'IMG001'],
      "container-standards: --rule 'IMG001' is not CODE=setting; write it like --rule IMG001=warning or --rule IMG001=off",
    ));

  it('bad --severity', () =>
    expectUsageError(
      ['check', '--severity', 'high'],
      "container-standards: --severity 'high' is not one of error, warning, info; use --severity error|warning|info",
    ));

  it('bad --format', () =>
    expectUsageError(
      ['check', '--format', 'xml'],
      "container-standards: --format 'xml' is not one of text, concise, json, sarif; use --format text|concise|json|sarif",
    ));

  it('--select matching no rule', () => expectUsageError(['check', '--select', 'ZZZ'], /^container-standards: --select 'ZZZ' matches no rule; .+$/));

  it('a named file of unknown kind that does not start like a Dockerfile', () =>
    expectUsageError(
      ['check', 'notes.txt'],
      "container-standards: cannot tell what kind of file 'notes.txt' is: its name does not say and it does not start with FROM, ARG or a parser directive; pass --language dockerfile or --language python",
      tempTree({ 'notes.txt': 'import hashlib\n' }),
    ));

  it('a dangling symlink named on the command line', () => {
    const cwd = tempTree();
    symlinkSync(join(cwd, 'gone'), join(cwd, 'Dockerfile'));
    return expectUsageError(['check', 'Dockerfile'], "container-standards: no such file or folder 'Dockerfile'; check the path", cwd);
  });

  it('unreadable file, before any fix is written', async (t) => {
    const cwd = tempTree({ 'a/Dockerfile': BAD, 'b/Dockerfile': BAD });
    chmodSync(join(cwd, 'b/Dockerfile'), 0o000);
    chmodSync(join(cwd, 'a'), 0o777);
    chmodSync(join(cwd, 'a/Dockerfile'), 0o666);
    // Root reads any file, so run as an unprivileged user then, from a copy of the CLI it can reach.
    const asRoot = process.getuid?.() === 0;
    const cli = join(tempTree(), 'cli.js');
    copyFileSync(CLI, cli);
    chmodSync(cli, 0o644);
    if (asRoot && !(othersMay(process.execPath, 0o5) && othersMay(cli, 0o4))) return t.skip('no unprivileged user can run node here');
    const r = await run(['check', '--fix-unsafe'], { cwd, cli, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "container-standards: cannot read 'b/Dockerfile': permission denied; check its permissions, or leave it out\n");
    assert.equal(readFileSync(join(cwd, 'a/Dockerfile'), 'utf8'), BAD, 'no file may change when the run stops on an input error');
  });

  it('--stdin-filename without --stdin', () =>
    expectUsageError(
      ['check', '--stdin-filename', 'Dockerfile'],
      'container-standards: --stdin-filename needs --stdin; add --stdin, or pass the file as a path',
    ));
});

describe('exit codes 0 and 1, --severity and --fail-on', { concurrency: true }, () => {
  const cwd = tempTree({ Dockerfile: BAD });
  const code = async (...args: string[]) => (await run(['check', '--select', 'IMG001', ...args], { cwd })).code;

  it('1 when a finding is at or above the threshold', async () => {
    assert.equal(await code(), 1);
    assert.equal(await code('--severity', 'error'), 1);
    assert.equal(await code('--rule', 'IMG001=warning', '--severity', 'warning'), 1);
    assert.equal(await code('--rule', 'IMG001=info', '--fail-on', 'info'), 1);
  });

  it('--fail-on decides the exit code apart from what is shown: info findings fail nothing by default', async () => {
    const r = await run(['check', '--select', 'IMG001', '--rule', 'IMG001=info'], { cwd });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Dockerfile:1:6: info IMG001 /);
    assert.equal(await code('--fail-on', 'error'), 1);
    assert.equal(await code('--rule', 'IMG001=warning', '--fail-on', 'error'), 0);
    assert.equal(await code('--rule', 'IMG001=warning'), 1);
  });

  it('--fail-on takes error, warning or info only', async () => {
    const r = await run(['check', '--fail-on', 'note'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fail-on 'note' is not one of error, warning, info/);
  });

  it('0 when every finding is below the threshold or off, and those findings are not shown', async () => {
    assert.equal(await code('--rule', 'IMG001=warning', '--severity', 'error'), 0);
    assert.equal(await code('--rule', 'unapproved-base-image=info', '--severity', 'warning'), 0);
    assert.equal(await code('--rule', 'IMG001=off'), 0);
    const r = await run(['check', '--select', 'IMG001', '--rule', 'IMG001=warning', '-s', 'error'], { cwd });
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });

  it('a --rule severity shows in the text output', async () => {
    const r = await run(['check', '--select', 'IMG001', '--rule', 'img001=warning'], { cwd });
    assert.match(r.stdout, /^Dockerfile:1:6: warning IMG001 /);
    assert.match(r.stdout, /\n1 warning in 1 file/);
  });

  it('--build-arg gives ARG values to the engine', async () => {
    const dir = tempTree({ Dockerfile: 'ARG BASE=python\nFROM ${BASE}:3.13\n' });
    const args = ['check', '--select', 'IMG001'];
    assert.equal((await run(args, { cwd: dir })).code, 1);
    assert.equal((await run([...args, '--build-arg', 'BASE=quay.io/cdis/amazonlinux-base'], { cwd: dir })).code, 0);
    assert.equal((await run([...args, '--build-arg', 'BASE'], { cwd: dir, env: { BASE: 'quay.io/cdis/amazonlinux-base' } })).code, 0);
  });

  it('0 and a note on stderr when a folder holds nothing to check', async () => {
    const dir = tempTree({ 'README.md': '# nothing here\n' });
    const r = await run(['check', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No problems found in 0 files.\n');
    assert.equal(r.stderr, "container-standards: no Dockerfile or Python file found in '.'\n");
  });
});
