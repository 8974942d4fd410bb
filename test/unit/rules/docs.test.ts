import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { docComment, docProblems, examplesOf, readRuleDocs, RULES_DIR, staleDocs } from '../../../server/src/docs/ruleDocs';
import { builtinProfile, lint, parseLock } from '../../../server/src/engine';

// Run from out/test/unit/rules: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const docs = readRuleDocs(root);

describe('rule documentation (the doc comment in each rule file)', () => {
  for (const doc of docs) {
    it(`${doc.meta.code}: says what it checks and why, with an example that fails and one that passes`, () => {
      assert.deepEqual(docProblems(doc), [], doc.file);
    });
  }

  it('names only profile fields that the profile schema defines', () => {
    const schema = JSON.parse(readFileSync(join(root, 'profiles/profile.schema.json'), 'utf8'));
    for (const doc of docs) {
      for (const field of doc.meta.profileFields ?? [])
        assert.ok(schemaHas(schema, field), `${doc.meta.code}: profile field '${field}' is not in profile.schema.json`);
    }
  });

  it('the committed docs/rules pages and README rules table are what the rule files generate', () => {
    assert.deepEqual(staleDocs(root), [], 'run `npm run docs:rules` and commit the result');
  });

  it('a page goes stale when its rule file changes, and a page without a rule is found', () => {
    const copy = mkdtempSync(join(tmpdir(), 'cs-docs-'));
    try {
      for (const dir of [RULES_DIR, 'docs/rules']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
      cpSync(join(root, 'README.md'), join(copy, 'README.md'));
      assert.deepEqual(staleDocs(copy), []);
      const file = join(copy, docs[0].file);
      writeFileSync(file, readFileSync(file, 'utf8').replace('## Why\n *\n', '## Why\n *\n * A sentence the page does not have yet.\n *\n'));
      writeFileSync(join(copy, 'docs/rules/XYZ999.md'), '# XYZ999 gone\n');
      assert.deepEqual(staleDocs(copy), [`docs/rules/${docs[0].meta.code}.md`, 'docs/rules/XYZ999.md (no rule)']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('reads the doc comment right above the default export, without its margin', () => {
    const text = "import x from 'y';\n/** Not this one. */\nconst a = 1;\n/**\n * ## What it checks\n *\n *     indented code\n */\nexport default a;\n";
    assert.equal(docComment(text), '## What it checks\n\n    indented code\n');
    assert.equal(docComment('export default 1;\n'), undefined);
    assert.deepEqual(
      examplesOf('```dockerfile fails defra lock=a/b.json\nFROM x\n```\n\n```dockerfile passes\nFROM y\n```\n', 'dockerfile').map((e) => [
        e.verdict,
        e.profile,
        e.lock,
        e.code,
      ]),
      [
        ['fails', 'defra', 'a/b.json', 'FROM x\n'],
        ['passes', 'gen3', undefined, 'FROM y\n'],
      ],
    );
  });
});

describe('the examples in the rule documentation run as tests', () => {
  for (const doc of docs) {
    examplesOf(doc.markdown, doc.meta.language).forEach((example, i) => {
      const where = `${doc.meta.code} example ${i + 1} (${example.verdict}, ${example.profile})`;
      it(where, async () => {
        const lock = example.lock ? parseLock(readFileSync(join(root, example.lock), 'utf8')) : undefined;
        const { findings } = await lint(example.code, doc.meta.language, { profile: builtinProfile(example.profile)!, lock });
        const own = findings.filter((f) => f.code === doc.meta.code);
        if (example.verdict === 'fails') assert.ok(own.length > 0, `${where} must report ${doc.meta.code}:\n${example.code}`);
        else
          assert.deepEqual(
            own.map((f) => f.message),
            [],
            `${where} must not report ${doc.meta.code}`,
          );
      });
    });
  }
});

/** Whether the JSON Schema defines `path` (`a.b`, `list[].field`), following `$ref`s into `$defs`. */
function schemaHas(schema: any, path: string): boolean {
  const resolve = (node: any): any => {
    while (node?.$ref)
      node = node.$ref
        .split('/')
        .slice(1)
        .reduce((n: any, k: string) => n?.[k], schema);
    return node;
  };
  let node = resolve(schema);
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    node = resolve(node?.properties?.[list ? part.slice(0, -2) : part]);
    if (list) node = resolve(node?.items);
    if (!node) return false;
  }
  return true;
}
