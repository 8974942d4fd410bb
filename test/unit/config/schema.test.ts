import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseConfig } from '../../../server/src/engine';
import { REPO } from '../helpers/cli';

const load = (name: string) => JSON.parse(readFileSync(join(REPO, 'profiles', name), 'utf8'));
const gen3 = load('gen3.json');
const repo = gen3.repositories[0];

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(load('profile.schema.json'), 'profile.schema.json');
  return ajv.compile(load('config.schema.json'));
}

/** Configs the schema (the editor) and the config module (the CLI) must judge alike. */
const GOOD = [
  {},
  {
    $schema: './node_modules/container-standards/profiles/config.schema.json',
    profile: 'defra',
    rules: { IMG003: 'off', 'user-after-entrypoint': 'error' },
    buildArgs: { BASE: 'x' },
  },
  { profile: './standards/team.profile.json', exclude: ['vendor/'], gitignore: false, scope: 'auto' },
  { extends: 'gen3', add: { mirrors: { [repo.name]: [{ name: 'registry.example/base', note: 'cache' }] }, tags: { [repo.name]: [repo.tags[0]] } } },
  {
    overrides: [
      { files: ['infra/**'], scope: 'outside' },
      { files: ['legacy/Dockerfile'], profile: 'gen3', rules: { IMG001: 'warning' }, buildArgs: {} },
    ],
  },
];
const BAD = [
  { profle: 'defra' },
  { profile: '' },
  { profile: 'gen3', extends: 'defra' },
  { add: { tags: {} } },
  { rules: { IMG001: 'loud' } },
  { scope: 'python' },
  { exclude: 'vendor/' },
  { gitignore: 'yes' },
  { overrides: [{ profile: 'defra' }] },
  { overrides: [{ files: [] }] },
  { overrides: [{ files: ['a'], unknown: 1 }] },
  { extends: 'gen3', add: { colours: [] } },
];

describe('config.schema.json', () => {
  it('accepts what the config module accepts and rejects what it rejects', () => {
    const validate = validator();
    for (const c of GOOD) {
      assert.ok(validate(c), `schema rejects ${JSON.stringify(c)}: ${JSON.stringify(validate.errors)}`);
      assert.ok(parseConfig(JSON.stringify(c)).ok, `config module rejects ${JSON.stringify(c)}`);
    }
    for (const c of BAD) {
      assert.ok(!validate(c), `schema accepts ${JSON.stringify(c)}`);
      assert.ok(!parseConfig(JSON.stringify(c)).ok, `config module accepts ${JSON.stringify(c)}`);
    }
  });

  it('checks the tags and mirrors that "add" brings against the profile schema', () => {
    const validate = validator();
    assert.ok(!validate({ extends: 'gen3', add: { tags: { [repo.name]: [{ name: 'x' }] } } }));
    assert.ok(!validate({ extends: 'gen3', add: { mirrors: { [repo.name]: [{ name: 'x' }] } } }));
  });

  it('is what the extension contributes for .container-standards.json', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(
      manifest.contributes.jsonValidation.find((v: { fileMatch: string }) => v.fileMatch === '.container-standards.json'),
      { fileMatch: '.container-standards.json', url: './profiles/config.schema.json' },
    );
  });
});
