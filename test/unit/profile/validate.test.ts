import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinProfile, validateProfile } from '../../../server/src/engine';

function broken(mutate: (p: any) => void): string[] {
  const profile = structuredClone(builtinProfile('gen3')) as any;
  mutate(profile);
  return validateProfile(profile);
}

test('built-in profiles are valid', () => {
  assert.deepEqual(validateProfile(builtinProfile('gen3')), []);
  assert.deepEqual(validateProfile(builtinProfile('defra')), []);
});

test('a stage recommendation with a broken regular expression is caught before any lint', () => {
  assert.match(broken((p) => (p.recommendations.stages[0].stageName = '(')).join(), /recommendations\.stages\[0\]/);
});

test('retired images, mirrors and tag patterns are checked field by field', () => {
  assert.match(broken((p) => delete p.retired[1].replacement).join(), /retired\[1\]/);
  assert.match(broken((p) => delete p.repositories[0].mirrors[0].note).join(), /repositories\[0\]\.mirrors\[0\]/);
  assert.match(broken((p) => delete p.repositories[0].tagPatterns[0].examples).join(), /repositories\[0\]\.tagPatterns\[0\]/);
  assert.match(broken((p) => delete p.repositories[0].tags[2].contains).join(), /repositories\[0\]\.tags\[2\]/);
});

test('stage conventions name repository roles', () => {
  const problems = broken((p) => (p.stages = { productionNames: ['production'], forbiddenInProduction: ['dev'] }));
  assert.match(problems.join(), /stages\.forbiddenInProduction/);
});
