import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, builtinProfile, chosenFix, fixChecker, fixPasses, lint } from '../../../server/src/engine';

// Run from out/test/unit/python: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const fixture = readFileSync(join(root, 'test', 'fixtures', 'python', 'fips_cases.py'), 'utf8');
const profile = builtinProfile('gen3')!;
const python = ['python3', 'python'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'cs-fips-'));

/** Compiles Python source with the real interpreter; returns its error output, empty when it compiles. */
function compileErrors(text: string, name: string): string {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  const r = spawnSync(python!, ['-m', 'py_compile', file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

describe('Python fixes leave code that compiles', { skip: python ? false : 'no python3 on this machine' }, () => {
  it('the fixture compiles and has a finding of every FIPS rule', async () => {
    assert.equal(compileErrors(fixture, 'fixture'), '');
    const { findings } = await lint(fixture, 'python', { profile });
    assert.deepEqual([...new Set(findings.map((f) => f.code))].sort(), ['FIPS001', 'FIPS002', 'FIPS003', 'FIPS004', 'FIPS005']);
  });

  it('every fix of every finding, applied alone, compiles', async () => {
    const { findings } = await lint(fixture, 'python', { profile });
    let applied = 0;
    for (const [i, finding] of findings.entries()) {
      for (const [j, fix] of finding.fixes.entries()) {
        const { text } = applyFixes(fixture, [fix]);
        assert.notEqual(text, fixture);
        assert.equal(compileErrors(text, `fix-${i}-${j}`), '', `${finding.code} line ${finding.range.start.line + 1}: "${fix.title}"`);
        applied++;
      }
    }
    assert.ok(applied >= 15, `only ${applied} fixes`);
  });

  it('--fix (safe fixes) compiles and clears every FIPS001 the flag can fix', async () => {
    const { text, findings, dropped } = await fixPasses(fixture, fixChecker('python', { profile }), (f) => chosenFix(f, 'safe'));
    assert.deepEqual(dropped, []);
    assert.equal(compileErrors(text, 'fixed-safe'), '');
    // Left (two lines further down: the exploded calls got a line each): the flag behind a variable
    // (the user decides), and the rules with no safe fix.
    assert.deepEqual(
      findings.map((f) => `${f.code}:${f.range.start.line + 1}`),
      ['FIPS001:23', 'FIPS003:51', 'FIPS003:51', 'FIPS003:51', 'FIPS004:54', 'FIPS005:58', 'FIPS002:63', 'FIPS002:63'],
    );
  });

  it('--fix-unsafe compiles too', async () => {
    const { text, dropped } = await fixPasses(fixture, fixChecker('python', { profile }), (f) => chosenFix(f, 'unsafe'));
    assert.deepEqual(dropped, []);
    assert.equal(compileErrors(text, 'fixed-unsafe'), '');
  });
});
