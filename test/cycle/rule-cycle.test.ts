import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

// Run from out/test/cycle: the repository root is three levels up. About a minute of CPU and wall time on a
// busy machine (tsc of the engine and rule tests, ESLint, the rule tests), so `npm run test:integration`
// runs it, not `npm test`.
const root = join(__dirname, '..', '..', '..');

// The README's "How to add a rule", done on a copy of the repository: run the scaffold, fill in the one
// rule file and its fixture, and run the checks of `npm test` that a new rule touches. A new rule changes
// no other file by hand: the docs page, the README row and the snapshot are written by those checks.
const DOCKERFILE = {
  code: 'USR901',
  name: 'privileged-port',
  rule: 'server/src/engine/rules/USR901-privileged-port.ts',
  fixture: 'test/fixtures/rules/USR901.Dockerfile',
};
const PYTHON = { code: 'PYT901', name: 'pickle-loads', rule: 'server/src/engine/rules/PYT901-pickle-loads.ts', fixture: 'test/fixtures/rules/PYT901.py' };
const NEW_FILES = [DOCKERFILE.rule, PYTHON.rule, 'test/unit/rules/USR901.test.ts', 'test/unit/rules/PYT901.test.ts'];
const TESTS = ['registry', 'docs', 'snapshots', 'messages', 'USR901', 'PYT901'].map((t) => `out/test/unit/rules/${t}.test.js`);

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env, ...env };
  // A local `npm test` writes what is missing (docs page, snapshot); under CI it only checks.
  if (!env.CI) delete base.CI;
  delete base.UPDATE_SNAPSHOTS;
  delete base.NODE_TEST_CONTEXT;
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: base });
  return { ok: r.status === 0, output: `${command} ${args.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}` };
}

const node = (cwd: string, args: string[], env?: NodeJS.ProcessEnv) => run(cwd, process.execPath, args, env);
const bin = (name: string) => join(root, 'node_modules', name);

/** The checks of `npm test` that a new rule touches, in its order; the first failure stops them. */
function npmTestChecks(copy: string): { ok: boolean; output: string } {
  const steps = [
    () => node(copy, [join(bin('typescript'), 'bin/tsc'), '-p', 'tsconfig.json']),
    () => node(copy, ['scripts/generate-docs.mjs']),
    () => node(copy, [join(bin('eslint'), 'bin/eslint.js'), ...NEW_FILES]),
    () => node(copy, [join(bin('prettier'), 'bin/prettier.cjs'), '--check', ...NEW_FILES]),
    () => node(copy, ['--test', ...TESTS]),
  ];
  const outputs: string[] = [];
  for (const step of steps) {
    const r = step();
    outputs.push(r.output);
    if (!r.ok) return { ok: false, output: outputs.join('\n') };
  }
  return { ok: true, output: outputs.join('\n') };
}

/** Replaces `from` (which must occur once) in a file of the copy. */
function edit(copy: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(copy, path), 'utf8');
  assert.equal(text.split(from).length, 2, `${path} should hold exactly one ${JSON.stringify(from)}`);
  writeFileSync(join(copy, path), text.replace(from, to));
}

const doc = (lines: string) =>
  lines
    .split('\n')
    .map((l) => ` * ${l}`.trimEnd())
    .join('\n');

/** Fills in the scaffold's rule file as a newcomer would: its doc comment, summary, fields and check. */
function fillDockerfileRule(copy: string): void {
  const path = DOCKERFILE.rule;
  edit(
    copy,
    path,
    "TODO: what the rule reports, and where the finding's range sits.",
    'Each port below 1024 that an `EXPOSE` names; the finding is on the port.',
  );
  edit(
    copy,
    path,
    'TODO: what goes wrong when the standard is not followed, for Gen3 and for Defra.',
    doc('Only root may listen on a port below 1024, and the standard runs\nthe container as a non-root user (Gen3 `gen3`, Defra `nonroot`).'),
  );
  edit(
    copy,
    path,
    doc('```dockerfile fails gen3\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3'),
    doc('```dockerfile fails gen3\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nEXPOSE 80'),
  );
  edit(
    copy,
    path,
    doc('```dockerfile passes gen3\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3'),
    doc('```dockerfile passes gen3\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nEXPOSE 8080'),
  );
  edit(
    copy,
    path,
    'TODO: what the fix changes and why it is safe or unsafe; or "None: …" and drop `fixes` from the meta.',
    "None: which port to use is the service's choice.",
  );
  edit(copy, path, "    fixes: ['unsafe'],\n", '');
  edit(
    copy,
    path,
    "summary: 'TODO: one sentence saying what the standard asks.'",
    "summary: 'A container running as a non-root user cannot listen on a port below 1024.'",
  );
  edit(copy, path, 'profileFields: [],', "profileFields: ['user.name'],");
  edit(
    copy,
    path,
    '    // TODO: report({ range, message, fixes }) for each finding; see USR003 for a small example.\n    void model;\n    void profile;\n    void report;\n',
    [
      '    for (const stage of model.stages)',
      '      for (const instruction of stage.body) {',
      "        if (instruction.getKeyword() !== 'EXPOSE') continue;",
      '        for (const port of instruction.getArguments()) {',
      '          const number = Number.parseInt(port.getValue(), 10);',
      '          if (number < 1024)',
      "            report({ range: port.getRange(), message: `Port ${number} is below 1024, so the non-root user '${profile.user.name}' cannot listen on it.` });",
      '        }',
      '      }',
      '',
    ].join('\n'),
  );
}

function fillPythonRule(copy: string): void {
  const path = PYTHON.rule;
  edit(copy, path, "TODO: what the rule reports, and where the finding's range sits.", 'Calls of `pickle.loads`; the finding is on the function it calls.');
  edit(
    copy,
    path,
    'TODO: what goes wrong when the standard is not followed, for Gen3 and for Defra.',
    'Unpickling runs whatever code the data names, so a service must not unpickle what it receives.',
  );
  edit(copy, path, doc('```python fails gen3\nimport hashlib\nhashlib.sha256(data)'), doc('```python fails gen3\nimport pickle\npickle.loads(data)'));
  edit(copy, path, doc('```python passes gen3\nimport hashlib\nhashlib.sha256(data)'), doc('```python passes gen3\nimport json\njson.loads(data)'));
  edit(
    copy,
    path,
    'TODO: what the fix changes and why it is safe or unsafe; or "None: …" and drop `fixes` from the meta.',
    "None: the data format is the service's choice.",
  );
  edit(copy, path, "    fixes: ['unsafe'],\n", '');
  edit(copy, path, "summary: 'TODO: one sentence saying what the standard asks.'", "summary: 'Do not unpickle data: it can run any code.'");
  edit(copy, path, "imports: ['hashlib'],", "imports: ['pickle'],");
  edit(
    copy,
    path,
    '      // TODO: report({ range, message, fixes }) for each finding; see FIPS002 for a small example.\n      void node;\n      void source;\n      void symbols;\n      void report;\n',
    [
      "      const callee = node.childForFieldName('function');",
      "      if (callee?.text !== 'pickle.loads' || !symbols.moduleAlias('pickle', node)) return;",
      "      report({ range: rangeOf(source, callee), message: `'pickle.loads' runs any code that the data it reads names.` });",
      '',
    ].join('\n'),
  );
  edit(
    copy,
    path,
    "import { definePythonRule } from '../python/rule';",
    "import { rangeOf } from '../python/edits';\nimport { definePythonRule } from '../python/rule';",
  );
}

const DOCKERFILE_FIXTURE = `# USR901: EXPOSE of a privileged port.

### a port below 1024
FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
USER gen3
EXPOSE 80
CMD ["app"]

### a port above it
FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
USER gen3
EXPOSE 8080
CMD ["app"]
`;

const PYTHON_FIXTURE = `# PYT901: pickle.loads.

### pickle.loads
import pickle
obj = pickle.loads(data)

### json.loads
import json
obj = json.loads(data)
`;

describe('adding a rule: scaffold, fill in the rule file and its fixture, and the checks npm test runs pass', () => {
  let copy = '';
  let scaffoldFixture = '';
  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'cs-rule-cycle-'));
    for (const dir of ['server/src', 'test/unit', 'test/fixtures', 'profiles', 'scripts', 'docs', 'examples'])
      cpSync(join(root, dir), join(copy, dir), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json', 'eslint.config.mjs', '.prettierrc.json', '.prettierignore', 'README.md'])
      cpSync(join(root, file), join(copy, file));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    // The README's sample output comes from the bundled CLI; the sample's Dockerfile meets neither new rule.
    symlinkSync(join(root, 'dist'), join(copy, 'dist'));
    // Only what a rule touches is compiled (npm test compiles everything; the rest does not change).
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    config.include = ['server/src/**/*.ts', 'test/unit/helpers/*.ts', 'test/unit/rules/*.ts', 'profiles/*.json'];
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(config));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('after the scaffold and the rule file and fixture filled in, they pass, and write the docs page, the README row and the snapshot', () => {
    for (const { code, name, language } of [
      { ...DOCKERFILE, language: 'dockerfile' },
      { ...PYTHON, language: 'python' },
    ]) {
      const r = node(copy, ['scripts/add-rule.mjs', code, name, '--language', language]);
      assert.ok(r.ok, r.output);
    }
    fillDockerfileRule(copy);
    fillPythonRule(copy);
    scaffoldFixture = readFileSync(join(copy, DOCKERFILE.fixture), 'utf8');
    writeFileSync(join(copy, DOCKERFILE.fixture), DOCKERFILE_FIXTURE);
    writeFileSync(join(copy, PYTHON.fixture), PYTHON_FIXTURE);
    const r = npmTestChecks(copy);
    assert.ok(r.ok, r.output);
    assert.match(readFileSync(join(copy, 'docs/rules/USR901.md'), 'utf8'), /^# USR901 privileged-port/);
    assert.ok(existsSync(join(copy, 'docs/rules/PYT901.md')));
    assert.match(readFileSync(join(copy, 'README.md'), 'utf8'), /\[USR901\]\(docs\/rules\/USR901\.md\)/);
    assert.match(
      readFileSync(join(copy, 'test/unit/rules/snapshots/USR901.snap'), 'utf8'),
      /6:8-6:10 warning USR901: Port 80 is below 1024, so the non-root user 'gen3' cannot listen on it\./,
    );
    assert.match(readFileSync(join(copy, 'test/unit/rules/snapshots/PYT901.snap'), 'utf8'), / PYT901: 'pickle\.loads' runs any code/);
    // What npm test wrote is what CI then checks: the steps CI=1 changes write nothing and fail on anything stale.
    for (const args of [['scripts/generate-docs.mjs'], ['--test', 'out/test/unit/rules/docs.test.js', 'out/test/unit/rules/snapshots.test.js']]) {
      const ci = node(copy, args, { CI: '1' });
      assert.ok(ci.ok, ci.output);
    }
  });

  it('a fixture left as the scaffold wrote it fails them', () => {
    const filled = readFileSync(join(copy, DOCKERFILE.fixture), 'utf8');
    writeFileSync(join(copy, DOCKERFILE.fixture), scaffoldFixture);
    // The fixture is read as text: the snapshot test alone sees it (the other checks passed on this code).
    const r = node(copy, ['--test', 'out/test/unit/rules/snapshots.test.js']);
    assert.ok(!r.ok, 'the checks passed with the scaffold fixture');
    assert.match(r.output, /test\/fixtures\/rules\/USR901\.Dockerfile has no case that USR901 reports/);
    writeFileSync(join(copy, DOCKERFILE.fixture), filled);
  });

  it('a doc comment still saying TODO fails them', () => {
    edit(copy, DOCKERFILE.rule, "None: which port to use is the service's choice.", 'TODO');
    // The doc comment is read from the rule file's text: the docs test alone sees it.
    const r = node(copy, ['--test', 'out/test/unit/rules/docs.test.js']);
    assert.ok(!r.ok);
    assert.match(r.output, /the documentation still says TODO/);
  });
});
