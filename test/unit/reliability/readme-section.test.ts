import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/cli';

// The README's "Security and reliability" section states each guarantee of issue 11 with the test that
// proves it: every test it names must exist, and every reliability test must be named there.
describe('README: Security and reliability', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = /\n## Security and reliability\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it('names only tests that exist', () => {
    assert.ok(section, 'README.md needs a "## Security and reliability" section');
    const named = [...section.matchAll(/`(test\/unit\/[^`]+\.test\.ts)`/g)].map((m) => m[1]);
    assert.ok(named.length >= 6);
    for (const path of named) assert.ok(existsSync(join(REPO, path)), path);
  });

  it('names every test of test/unit/reliability', () => {
    for (const name of ['bounded-reads', 'linear-patterns', 'server-robustness', 'fix-faults', 'prototype-names', 'server-fuzz', 'server-memory']) {
      assert.ok(section.includes(`test/unit/reliability/${name}.test.ts`), name);
    }
  });
});
