import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';
import { fixtureCases, fixDiff, renderSnapshot } from '../helpers/snapshot';

// Run from out/test/unit/rules: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const EXTENSION = { dockerfile: 'Dockerfile', python: 'py' } as const;
// `UPDATE_SNAPSHOTS=1 npm test` rewrites the snapshots; a missing one is written on a local run and is a
// failure under CI, as jest and insta do.
const update = !!process.env.UPDATE_SNAPSHOTS;
const ci = !!process.env.CI;

describe('rule snapshots (test/fixtures/rules/CODE.* → test/unit/rules/snapshots/CODE.snap)', () => {
  for (const rule of allRules()) {
    it(rule.code, async () => {
      const fixturePath = `test/fixtures/rules/${rule.code}.${EXTENSION[rule.language]}`;
      assert.ok(existsSync(join(root, fixturePath)), `${rule.code} needs its fixture ${fixturePath} (scripts/add-rule.mjs writes one)`);
      const actual = await renderSnapshot(rule.code, rule.language, fixturePath, readFileSync(join(root, fixturePath), 'utf8'), root);
      assert.match(actual, new RegExp(` ${rule.code}: `), `${fixturePath} has no case that ${rule.code} reports`);
      assert.match(actual, /\nno findings\n/, `${fixturePath} has no case that ${rule.code} leaves alone`);
      const snapPath = join(root, 'test/unit/rules/snapshots', `${rule.code}.snap`);
      if (update || (!existsSync(snapPath) && !ci)) {
        mkdirSync(join(root, 'test/unit/rules/snapshots'), { recursive: true });
        writeFileSync(snapPath, actual);
        return;
      }
      assert.ok(existsSync(snapPath), `no snapshot for ${rule.code}: run UPDATE_SNAPSHOTS=1 npm test and commit it`);
      assert.equal(
        actual,
        readFileSync(snapPath, 'utf8'),
        `${rule.code}'s snapshot differs: if the change is intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff`,
      );
    });
  }
});

describe('snapshot rendering', () => {
  it('splits a fixture into cases with their profile, lock and fixture lines', () => {
    const cases = fixtureCases('# about\n### one\nFROM a\n\n### two [defra, lock=x.json]\nFROM b\nUSER c\n');
    assert.deepEqual(
      cases.map((c) => [c.name, c.profile, c.lock, c.firstLine, c.text]),
      [
        ['one', 'gen3', undefined, 2, 'FROM a\n'],
        ['two', 'defra', 'x.json', 5, 'FROM b\nUSER c\n'],
      ],
    );
  });

  it('shows a fix as the lines it removes and adds, numbered in the fixture', () => {
    const c = { name: 'x', profile: 'gen3', firstLine: 10, text: 'FROM a\nUSER root\nCMD x\n' };
    assert.deepEqual(fixDiff(c.text, 'FROM a\nUSER root\nUSER gen3\nCMD x\n', c), ['@@ line 12 @@', '  USER root', '+ USER gen3', '  CMD x']);
    assert.deepEqual(fixDiff(c.text, 'FROM a\nUSER gen3\nCMD x\n', c), ['@@ line 11 @@', '  FROM a', '- USER root', '+ USER gen3', '  CMD x']);
  });
});
