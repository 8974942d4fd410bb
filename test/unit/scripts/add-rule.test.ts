import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docComment, docProblems } from '../../../server/src/docs/ruleDocs';
import type { RuleMeta } from '../../../server/src/engine';

// Run from out/test/unit/scripts: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');

function addRule(copy: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts/add-rule.mjs'), ...args, '--root', copy], { encoding: 'utf8' });
}

describe('scripts/add-rule.mjs (on a temporary copy of the repository)', () => {
  let copy = '';
  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'cs-add-rule-'));
    for (const dir of ['server/src', 'test/unit/helpers', 'test/fixtures/rules', 'profiles']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    mkdirSync(join(copy, 'test/unit/rules'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('writes the rule, its test and its fixture, and registers the rule, for each language', () => {
    for (const [code, name, language, fixture] of [
      ['USR901', 'user-home-writable', 'dockerfile', 'USR901.Dockerfile'],
      ['FIPS901', 'weak-cipher', 'python', 'FIPS901.py'],
    ]) {
      const r = addRule(copy, code, name, '--language', language);
      assert.equal(r.status, 0, r.stderr);
      for (const path of [`server/src/engine/rules/${code}-${name}.ts`, `test/unit/rules/${code}.test.ts`, `test/fixtures/rules/${fixture}`]) {
        assert.ok(existsSync(join(copy, path)), path);
      }
      const index = readFileSync(join(copy, 'server/src/engine/rules/index.ts'), 'utf8');
      assert.ok(index.includes(`import ${code} from './${code}-${name}';`), 'imported in rules/index.ts');
      const list = language === 'dockerfile' ? 'DOCKERFILE_RULES' : 'PYTHON_RULES';
      assert.match(index, new RegExp(`export const ${list}[^;]*\\b${code}\\b[^;]*\\];`), `listed in ${list}`);
    }
  });

  it('leaves documentation that npm test refuses until it is written (TODO, no example the rule reports yet)', () => {
    const text = readFileSync(join(copy, 'server/src/engine/rules/USR901-user-home-writable.ts'), 'utf8');
    const meta = { code: 'USR901', name: 'user-home-writable', language: 'dockerfile', severity: 'warning', summary: 'x.', fixes: ['unsafe'] } as RuleMeta;
    const problems = docProblems({ meta, file: 'USR901-user-home-writable.ts', markdown: docComment(text)! });
    assert.deepEqual(problems, ['the documentation still says TODO']);
  });

  it('refuses a code or name that exists, and malformed arguments, changing nothing', () => {
    const index = readFileSync(join(copy, 'server/src/engine/rules/index.ts'), 'utf8');
    for (const args of [
      ['USR002', 'other-name', '--language', 'dockerfile'],
      ['USR902', 'root-user', '--language', 'dockerfile'],
      ['usr903', 'x', '--language', 'dockerfile'],
      ['USR903', 'Bad_Name', '--language', 'dockerfile'],
      ['USR903', 'fine-name', '--language', 'go'],
      ['USR903'],
    ]) {
      const r = addRule(copy, ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /^add-rule: .*\nusage:/);
    }
    assert.equal(readFileSync(join(copy, 'server/src/engine/rules/index.ts'), 'utf8'), index);
    assert.ok(!existsSync(join(copy, 'test/unit/rules/USR903.test.ts')));
  });

  it('the scaffolded files compile with the project', () => {
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    config.compilerOptions.noEmit = true;
    config.include = ['server/src/**/*.ts', 'test/unit/helpers/*.ts', 'test/unit/rules/USR901.test.ts', 'test/unit/rules/FIPS901.test.ts', 'profiles/*.json'];
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(config));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(copy, 'tsconfig.json')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
