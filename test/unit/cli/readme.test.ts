import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';
import { rulesMarkdown } from '../../../server/src/cli/formats/rules';
import { REPO, run } from '../helpers/cli';

describe('README.md', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

  it('lists every rule, as `rules --format markdown` prints them', () => {
    const table = /<!-- rules:start[^>]*-->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    assert.ok(table !== undefined, 'README.md needs the <!-- rules:start --> … <!-- rules:end --> markers');
    assert.equal(table, rulesMarkdown(allRules()), 'the rules table is stale: run `npm run docs:rules`');
  });

  it('shows the text output of a real run of the command it names', async () => {
    const block = /<!-- sample:start[^>]*-->\n```console\n\$ container-standards (.+)\n([\s\S]*?)```\n<!-- sample:end -->/.exec(readme);
    assert.ok(block, 'README.md needs the <!-- sample:start --> … <!-- sample:end --> markers around a console block');
    const r = await run(block[1].split(' '), { cwd: REPO });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.includes('^'), 'the sample shows a caret under a finding');
    assert.equal(block[2], r.stdout, 'the README sample output is stale: run `npm run docs:rules`');
  });

  it('starts with the two commands for a fresh clone', () => {
    assert.match(readme, /```sh\nnpm install && npx container-standards check examples\/\nnpm test\n```/);
  });

  it('has an example pair for each built-in profile and for the Python rules', () => {
    for (const path of [
      'gen3/compliant/Dockerfile',
      'gen3/non-compliant/Dockerfile',
      'defra/compliant/Dockerfile',
      'defra/non-compliant/Dockerfile',
      'gen3/compliant/app.py',
      'gen3/non-compliant/app.py',
    ]) {
      assert.ok(existsSync(join(REPO, 'examples', path)), `examples/${path}`);
    }
  });
});
