import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../../server/src/engine';

// Run from out/test/unit/rules: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');

test('rule codes and names are unique and well-formed', () => {
  const rules = allRules();
  assert.ok(rules.length > 0);
  assert.equal(new Set(rules.map((r) => r.code)).size, rules.length, 'duplicate rule code');
  assert.equal(new Set(rules.map((r) => r.name)).size, rules.length, 'duplicate rule name');
  for (const r of rules) {
    assert.match(r.code, /^[A-Z]{3,4}\d{3}$/, r.code);
    assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.name);
    assert.ok(r.summary.endsWith('.'), `${r.code} summary is a sentence`);
  }
});

test('every rule has its file, its documentation page and its test', () => {
  for (const r of allRules()) {
    assert.ok(existsSync(join(root, 'server/src/engine/rules', `${r.code}-${r.name}.ts`)), `${r.code}: rule file named <CODE>-<name>.ts`);
    const doc = join(root, 'docs/rules', `${r.code}.md`);
    assert.ok(existsSync(doc), `${r.code}: docs/rules/${r.code}.md`);
    assert.equal(readFileSync(doc, 'utf8').split('\n')[0], `# ${r.code} ${r.name}`, `${r.code}: docs title`);
    assert.match(readFileSync(doc, 'utf8'), new RegExp(`\\*\\*Default severity:\\*\\* ${r.severity}\\b`), `${r.code}: docs state the default severity`);
    const fixes = r.fixes?.length ? r.fixes.join(', ') : 'none';
    assert.match(readFileSync(doc, 'utf8'), new RegExp(`\\*\\*Fixes:\\*\\* ${fixes} ·`), `${r.code}: docs state the applicability of its fixes (${fixes})`);
    assert.ok(existsSync(join(root, 'test/unit/rules', `${r.code}.test.ts`)), `${r.code}: test/unit/rules/${r.code}.test.ts`);
  }
});

test('every rule file in rules/ is registered: an unregistered rule would silently never run', () => {
  const registered = new Set(allRules().map((r) => `${r.code}-${r.name}.ts`));
  const files = readdirSync(join(root, 'server/src/engine/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  assert.deepEqual(
    files.filter((f) => !registered.has(f)),
    [],
    'list these rules in server/src/engine/rules/index.ts (scripts/add-rule.mjs does it), or name the file <CODE>-<name>.ts after its meta',
  );
  assert.equal(files.length, allRules().length);
});
