import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint } from '../../../server/src/engine';
import { readSettings } from '../../../server/src/lsp/settings';
import { run, tempTree } from '../helpers/cli';

// Issue 11 item 8 (repro F18): names a user writes — ARG names, rule names, config keys, Python names —
// that are also Object.prototype members behave like any other name.
const gen3 = builtinProfile('gen3')!;
const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('prototype names are plain names (F18)', { concurrency: true }, () => {
  it('F18: FROM ${constructor} and ${toString} are unresolved ARGs, not Object members', async () => {
    const text = 'FROM ${constructor}\nUSER gen3\nFROM quay.io/cdis/amazonlinux-base:${toString}\nUSER gen3\n';
    const { findings } = await lint(text, 'dockerfile', { profile: gen3 });
    const messages = findings.map((f) => f.message).join('\n');
    assert.doesNotMatch(messages, /native code|function/);
    assert.deepEqual(
      findings.filter((f) => f.code === 'IMG006').map((f) => f.range.start),
      [
        { line: 0, character: 7 },
        { line: 2, character: 37 },
      ],
    );
  });

  for (const name of NAMES) {
    it(`a build argument named ${name} supplies the image, from JSON and from --build-arg`, async () => {
      const text = `FROM \${${name}}\nUSER gen3\nCMD ["python", "app.py"]\n`;
      const buildArgs = JSON.parse(`{"${name}": "python:3.13"}`) as Record<string, string>;
      const { findings } = await lint(text, 'dockerfile', { profile: gen3, buildArgs });
      assert.deepEqual(
        findings.map((f) => f.code),
        ['IMG001'],
        `${name} given: the image is python:3.13`,
      );
      const unset = await lint(text, 'dockerfile', { profile: gen3 });
      assert.deepEqual(
        unset.findings.map((f) => f.code),
        ['IMG006'],
        `${name} not given: unresolved`,
      );

      const cwd = tempTree({ Dockerfile: text });
      const r = await run(['check', '--no-config', '--build-arg', `${name}=python:3.13`, '--format', 'json'], { cwd });
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(
        JSON.parse(r.stdout).files[0].findings.map((f: { code: string }) => f.code),
        ['IMG001'],
      );
    });
  }

  it('editor settings keep a build argument named __proto__ as a value, and drop unknown rule names', () => {
    const settings = readSettings(
      JSON.parse('{"buildArgs": {"__proto__": "python:3.13", "constructor": "x"}, "rules": {"constructor": "off", "toString": "off", "IMG001": "off"}}'),
    );
    assert.equal(Object.getOwnPropertyDescriptor(settings.buildArgs, '__proto__')?.value, 'python:3.13');
    assert.equal(Object.getOwnPropertyDescriptor(settings.buildArgs, 'constructor')?.value, 'x');
    assert.deepEqual(Object.keys(settings.rules), ['IMG001']);
  });

  it('rule settings named like Object members do not turn rules off or change severity', async () => {
    const text = 'FROM python:3.13\nUSER gen3\n';
    const { findings } = await lint(text, 'dockerfile', { profile: gen3, rules: {} });
    assert.equal(findings[0].severity, 'error');
    const cwd = tempTree({ Dockerfile: text, '.container-standards.json': '{"rules": {"constructor": "off"}}' });
    const r = await run(['check'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown rule 'constructor'/);
  });

  it('a config key named like an Object member is an unknown setting', async () => {
    for (const key of ['constructor', 'toString']) {
      const cwd = tempTree({ Dockerfile: 'FROM python:3.13\n', '.container-standards.json': `{"${key}": 1}` });
      const r = await run(['check'], { cwd });
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`unknown setting "${key}"`));
    }
  });

  it('a command named like an Object member is an unknown command, not a crash', async () => {
    for (const command of ['constructor', 'toString', '__proto__']) {
      const r = await run([command], { cwd: tempTree() });
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`unknown command '${command}'`));
    }
  });

  it('a Python hash named like an Object member is not reported as a non-approved algorithm', async () => {
    const text = 'import hashlib\nhashlib.new("constructor")\nhashlib.new("toString", b"x")\nhashlib.new("md4")\n';
    const { findings } = await lint(text, 'python', { profile: gen3 });
    assert.deepEqual(
      findings.map((f) => [f.code, f.range.start.line]),
      [['FIPS002', 3]],
    );
    assert.doesNotMatch(findings[0].message, /undefined/);
  });
});
