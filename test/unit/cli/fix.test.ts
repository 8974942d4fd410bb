import assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync, statSync, chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../../server/src/engine';
import { range } from '../../../server/src/engine/text';
import { chosenFix, fixPasses, type FixChecker } from '../../../server/src/engine';
import { writeAtomic } from '../../../server/src/cli/replace';
import { run, tempTree } from '../helpers/cli';

const BAD = 'FROM python:3.13-slim\nUSER gen3\n';
const FIXED = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n';
const ONLY = ['--select', 'IMG001'];

describe('check --fix (CLI)', { concurrency: true }, () => {
  it('--fix applies only safe fixes: an unsafe one stays and is reported', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await run(['check', '--fix', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), BAD);
    assert.match(r.stdout, /^Dockerfile:1:6: error IMG001 /);
    assert.match(r.stdout, /\nNothing to fix\.\n1 error in 1 file \(1 fixable with --fix-unsafe\)\n$/);
  });

  it('--fix-unsafe rewrites the file, reports what remains, and the file lints clean afterwards', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await run(['check', '--fix-unsafe', ...ONLY], { cwd });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'Fixed 1 problem in 1 file.\nNo problems found in 1 file.\n');
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), FIXED);
    assert.equal((await run(['check', ...ONLY], { cwd })).code, 0);
    assert.deepEqual(readdirSync(cwd), ['Dockerfile'], 'no temporary file may be left behind');
  });

  it('keeps a byte order mark and CRLF line endings', async () => {
    const cwd = tempTree({ Dockerfile: '\uFEFF' + BAD.replace(/\n/g, '\r\n') });
    const r = await run(['check', '--fix-unsafe', ...ONLY], { cwd });
    assert.equal(r.code, 0);
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), '\uFEFF' + FIXED.replace(/\n/g, '\r\n'));
    assert.deepEqual(readdirSync(cwd), ['Dockerfile']);
  });

  it('writes through a symlink to its target and keeps the file mode', async () => {
    const cwd = tempTree({ 'real/Dockerfile': BAD });
    chmodSync(join(cwd, 'real/Dockerfile'), 0o640);
    symlinkSync(join(cwd, 'real/Dockerfile'), join(cwd, 'Dockerfile'));
    const r = await run(['check', 'Dockerfile', '--fix-unsafe', ...ONLY], { cwd });
    assert.equal(r.code, 0);
    assert.ok(lstatSync(join(cwd, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(join(cwd, 'real/Dockerfile'), 'utf8'), FIXED);
    assert.equal(statSync(join(cwd, 'real/Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(cwd, 'real')), ['Dockerfile']);
  });

  it('leaves clean files untouched', async () => {
    const cwd = tempTree({ Dockerfile: FIXED });
    const before = statSync(join(cwd, 'Dockerfile')).mtimeMs;
    const r = await run(['check', '--fix', ...ONLY], { cwd });
    assert.equal(r.stdout, 'Nothing to fix.\nNo problems found in 1 file.\n');
    assert.equal(statSync(join(cwd, 'Dockerfile')).mtimeMs, before);
  });

  it('--stdin --fix-unsafe prints the fixed text on stdout and the report on stderr', async () => {
    const cwd = tempTree();
    const r = await run(['check', '--stdin', '--fix-unsafe', ...ONLY], { cwd, input: BAD });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, FIXED);
    assert.equal(r.stderr, 'Fixed 1 problem in 1 file.\nNo problems found in 1 file.\n');
  });

  it('--stdin reports under --stdin-filename', async () => {
    const cwd = tempTree();
    const r = await run(['check', '--stdin', '--stdin-filename', 'services/api.Dockerfile', ...ONLY], { cwd, input: BAD });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^services\/api\.Dockerfile:1:6: error IMG001 /);
  });
});

describe('fixPasses', () => {
  const checker = (lint: (text: string) => Promise<Finding[]>): FixChecker => ({ lint, damage: async () => undefined });
  const fix = (line: number, from: number, to: number, newText: string, safe = true): Fix => ({
    title: newText,
    edits: [{ range: range(line, from, line, to), newText }],
    applicability: safe ? 'safe' : 'unsafe',
  });
  const finding = (fixes: Fix[]): Finding => ({ code: 'T001', name: 't', severity: 'error', message: 'm', range: range(0, 0, 0, 1), fixes });

  it('applies overlapping fixes over several passes, re-linting in between', async () => {
    // Each 'a' is a finding whose fix also covers the next character, so neighbours' fixes overlap
    // and only every other one lands in a pass.
    let lints = 0;
    const lint = async (text: string) => {
      lints++;
      return [...text].flatMap((c, i) => (c === 'a' ? [finding([fix(0, i, Math.min(i + 2, text.length), 'b' + text.slice(i + 1, i + 2))])] : []));
    };
    const result = await fixPasses('aaaa', checker(lint), (f) => chosenFix(f, 'safe'));
    assert.equal(result.text, 'bbbb');
    assert.deepEqual(result.findings, []);
    assert.equal(result.applied, 4);
    assert.equal(lints, 3);
  });

  it('drops a fix that does not clear its finding instead of applying it pass after pass (F12)', async () => {
    let lints = 0;
    const lint = async (text: string) => {
      lints++;
      return [finding([fix(0, text.length, text.length, '.')])];
    };
    const result = await fixPasses('', checker(lint), (f) => chosenFix(f, 'safe'));
    assert.equal(result.text, '');
    assert.equal(result.applied, 0);
    assert.deepEqual(
      result.dropped.map((d) => d.reason),
      ['it does not clear T001'],
    );
    assert.ok(lints <= 3, `${lints} lints`);
  });

  it('drops a fix that breaks the syntax and applies the others', async () => {
    const lint = async (text: string) => [...text].flatMap((c, i) => (c === 'a' ? [finding([fix(0, i, i + 1, i === 0 ? '(' : 'b')])] : []));
    const damage = async (_before: string, after: string) => (after.includes('(') ? 'unbalanced' : undefined);
    const result = await fixPasses('aaa', { lint, damage }, (f) => chosenFix(f, 'safe'));
    assert.equal(result.text, 'abb');
    assert.equal(result.applied, 2);
    assert.deepEqual(
      result.dropped.map((d) => `${d.line}:${d.reason}`),
      ['0:unbalanced'],
    );
  });

  it('a safe fix must not add a finding of another rule; an unsafe one may reveal one', async () => {
    const lint = async (text: string) =>
      text === 'x'
        ? [finding([fix(0, 0, 1, 'y', false)]), { ...finding([fix(0, 0, 1, 'z')]), code: 'T002' }]
        : text === 'z'
          ? [{ ...finding([]), code: 'T003' }]
          : [];
    const safe = await fixPasses('x', checker(lint), (f) => chosenFix(f, 'safe'));
    assert.equal(safe.text, 'x');
    assert.deepEqual(
      safe.dropped.map((d) => d.reason),
      ['it would add T003'],
    );
  });

  it('chooses the preferred safe fix, else the first safe one; --fix-unsafe takes the preferred one', () => {
    const unsafePreferred = { ...fix(0, 0, 1, 'u', false), preferred: true };
    const safe = fix(0, 0, 1, 's');
    assert.equal(chosenFix(finding([unsafePreferred, safe]), 'safe'), safe);
    assert.equal(chosenFix(finding([unsafePreferred, safe]), 'unsafe'), unsafePreferred);
    assert.equal(chosenFix(finding([fix(0, 0, 1, 'u', false)]), 'safe'), undefined);
    assert.equal(chosenFix(finding([safe]), 'none'), undefined);
  });
});

describe('writeAtomic', () => {
  it('replaces the content, keeps the mode, and leaves no temporary file', () => {
    const dir = tempTree({ f: 'old' });
    chmodSync(join(dir, 'f'), 0o600);
    writeAtomic(join(dir, 'f'), Buffer.from('new'));
    assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'new');
    assert.equal(statSync(join(dir, 'f')).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['f']);
  });

  it('creates a file that does not exist yet', () => {
    const dir = tempTree();
    writeAtomic(join(dir, 'report.sarif'), Buffer.from('{}'));
    assert.equal(readFileSync(join(dir, 'report.sarif'), 'utf8'), '{}');
    assert.deepEqual(readdirSync(dir), ['report.sarif']);
  });

  it('leaves the original and no temporary file when the rename fails', () => {
    const dir = tempTree({ 'target/keep': 'x' });
    writeFileSync(join(dir, 'f'), 'old');
    // Renaming a file over a non-empty folder fails after the temporary file was written.
    assert.throws(() => writeAtomic(join(dir, 'target'), Buffer.from('new')));
    assert.deepEqual(readdirSync(dir).sort(), ['f', 'target']);
    assert.equal(readFileSync(join(dir, 'target/keep'), 'utf8'), 'x');
  });
});
