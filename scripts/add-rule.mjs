#!/usr/bin/env node
// Scaffolds a new rule, as ruff's add_rule.py does:
//
//   node scripts/add-rule.mjs CODE name --language dockerfile|python
//
// writes server/src/engine/rules/CODE-name.ts (the rule and its documentation), test/unit/rules/CODE.test.ts
// and test/fixtures/rules/CODE.Dockerfile (or CODE.py), and registers the rule in rules/index.ts. Then fill
// in the rule file and the fixture, and run `npm test`: it writes the docs page, the README row and the
// snapshot, and fails until the rule reports its documented example.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: node scripts/add-rule.mjs CODE name --language dockerfile|python   (e.g. USR007 user-home-writable --language dockerfile)';

function fail(message) {
  console.error(`add-rule: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse(argv) {
  const positional = [];
  let language;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--language') language = argv[++i];
    else if (argv[i].startsWith('--language=')) language = argv[i].slice('--language='.length);
    else if (argv[i] === '--root') i++;
    else positional.push(argv[i]);
  }
  const [code, name] = positional;
  if (positional.length !== 2) fail('give a CODE and a name');
  if (!/^[A-Z]{3,4}\d{3}$/.test(code)) fail(`'${code}' is not a rule code: three or four capitals and three digits`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) fail(`'${name}' is not a rule name: kebab-case, e.g. user-home-writable`);
  if (language !== 'dockerfile' && language !== 'python') fail('--language must be dockerfile or python');
  return { code, name, language };
}

const DOCKERFILE_EXAMPLE = {
  fails: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["app"]',
  passes: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["app"]',
};
const PYTHON_EXAMPLE = { fails: 'import hashlib\nhashlib.sha256(data)', passes: 'import hashlib\nhashlib.sha256(data)' };

function comment(text) {
  return text
    .split('\n')
    .map((l) => ` * ${l}`.trimEnd())
    .join('\n');
}

function ruleFile({ code, name, language }) {
  const example = language === 'dockerfile' ? DOCKERFILE_EXAMPLE : PYTHON_EXAMPLE;
  const context = language === 'dockerfile' ? 'DockerfileContext' : 'PythonContext';
  const contextImport =
    language === 'dockerfile' ? "import type { DockerfileContext } from '../dockerfile/context';" : "import type { PythonContext } from '../python/context';";
  const docs = `## What it checks

TODO: what the rule reports, and where the finding's range sits.

## Why

TODO: what goes wrong when the standard is not followed, for Gen3 and for Defra.

## Examples

\`\`\`${language} fails gen3
${example.fails}
\`\`\`

\`\`\`${language} passes gen3
${example.passes}
\`\`\`

## Fix

TODO: what the fix changes and why it is safe or unsafe; or "None: …" and drop \`fixes\` from the meta.`;
  const check =
    language === 'dockerfile'
      ? `  check({ model, profile }, report) {
    // TODO: report({ range, message, fixes }) for each finding; see USR003 for a small example.
    void model;
    void profile;
    void report;
  },`
      : `  // Which files the rule looks at: only those importing one of these modules (drop it to see every file).
  imports: ['hashlib'],
  // Node kinds (tree-sitter Python) the one shared walk hands to this rule.
  visit: {
    call(node, { source, symbols }, report) {
      // TODO: report({ range, message, fixes }) for each finding; see FIPS002 for a small example.
      void node;
      void source;
      void symbols;
      void report;
    },
  },`;
  const header = language === 'dockerfile' ? `${contextImport}\nimport { defineRule } from '../rule';` : "import { definePythonRule } from '../python/rule';";
  const define = language === 'dockerfile' ? `defineRule<${context}>` : 'definePythonRule';
  return `${header}

/**
${comment(docs)}
 */
export default ${define}({
  meta: {
    code: '${code}',
    name: '${name}',
    language: '${language}',
    severity: 'warning',
    summary: 'TODO: one sentence saying what the standard asks.',
    fixes: ['unsafe'],
    profileFields: [],
  },
${check}
});
`;
}

function testFile({ code, language }) {
  return `import { ruleTester } from '../helpers/ruleTester';

// The fixture test/fixtures/rules/${code}.${language === 'dockerfile' ? 'Dockerfile' : 'py'} and its snapshot (snapshots/${code}.snap) hold this
// rule's cases with their positions, messages and fixes. Cases the fixture cannot express (build
// arguments, a profile of your own) go here, with exact positions.
ruleTester('${code}', {${language === 'python' ? "\n  language: 'python'," : ''}
  valid: [],
  invalid: [],
});
`;
}

function fixtureFile({ code, language }) {
  const example = language === 'dockerfile' ? DOCKERFILE_EXAMPLE : PYTHON_EXAMPLE;
  return `# ${code}: one case per '### name [profile]' header, each checked on its own; the snapshot is test/unit/rules/snapshots/${code}.snap.

### TODO: a case the rule reports
${example.fails}

### TODO: a case the rule leaves alone
${example.passes}

### TODO: the same under Defra [defra]
${example.passes}
`;
}

/** Adds the import (after the last rule import) and the list entry (last in the language's list). */
export function register(index, { code, name, language }) {
  const imports = [...index.matchAll(/^import \w+ from '\.\/[^']+';$/gm)];
  if (!imports.length) throw new Error('rules/index.ts: no rule import found');
  const last = imports[imports.length - 1];
  const at = last.index + last[0].length;
  let text = `${index.slice(0, at)}\nimport ${code} from './${code}-${name}';${index.slice(at)}`;
  const list = language === 'dockerfile' ? 'DOCKERFILE_RULES' : 'PYTHON_RULES';
  const start = text.indexOf(`export const ${list}`);
  if (start < 0) throw new Error(`rules/index.ts: no ${list}`);
  const open = text.indexOf('= [', start) + 2;
  const close = text.indexOf('];', open);
  const items = text
    .slice(open + 1, close)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const multiline = text.slice(open, close).includes('\n');
  const body = multiline ? `\n${[...items, code].map((i) => `  ${i},`).join('\n')}\n` : [...items, code].join(', ');
  text = text.slice(0, open) + '[' + body + text.slice(close);
  return text;
}

function main() {
  const argv = process.argv.slice(2);
  const rootFlag = argv.indexOf('--root');
  const root = rootFlag >= 0 ? argv[rootFlag + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
  const rule = parse(argv);
  const rulesDir = join(root, 'server/src/engine/rules');
  const taken = readdirSync(rulesDir).find((f) => f.startsWith(`${rule.code}-`) || f.endsWith(`-${rule.name}.ts`));
  if (taken) fail(`${taken} already exists`);
  const files = {
    [`server/src/engine/rules/${rule.code}-${rule.name}.ts`]: ruleFile(rule),
    [`test/unit/rules/${rule.code}.test.ts`]: testFile(rule),
    [`test/fixtures/rules/${rule.code}.${rule.language === 'dockerfile' ? 'Dockerfile' : 'py'}`]: fixtureFile(rule),
  };
  for (const path of Object.keys(files)) if (existsSync(join(root, path))) fail(`${path} already exists`);
  const indexPath = join(rulesDir, 'index.ts');
  const index = register(readFileSync(indexPath, 'utf8'), rule);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  writeFileSync(indexPath, index);
  console.log(`Wrote ${Object.keys(files).join(', ')} and registered ${rule.code} in server/src/engine/rules/index.ts.
Next: fill in the rule file (its doc comment, meta and check) and the fixture, then run npm test.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
