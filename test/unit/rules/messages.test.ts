import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';
import { MESSAGE_MAX, MESSAGE_MEDIAN_MAX, median, noteProblems, sentenceProblems } from '../helpers/messages';
import { fixtureFindings } from '../helpers/snapshot';

// Run from out/test/unit/rules: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');
const EXTENSION = { dockerfile: 'Dockerfile', python: 'py' } as const;

/** Every message the rule fixtures produce, as `CODE: message`. */
async function fixtureMessages(): Promise<string[]> {
  const messages: string[] = [];
  for (const rule of allRules()) {
    const fixturePath = `test/fixtures/rules/${rule.code}.${EXTENSION[rule.language]}`;
    const cases = await fixtureFindings(rule.code, rule.language, fixturePath, readFileSync(join(root, fixturePath), 'utf8'), root);
    for (const { findings } of cases) messages.push(...findings.map((f) => `${f.code}: ${f.message}`));
  }
  return messages;
}

describe('finding messages (one sentence; the remedy is in the fix title and the docs)', () => {
  it(`every message the rule fixtures produce is one sentence of at most ${MESSAGE_MAX} characters, median under ${MESSAGE_MEDIAN_MAX}`, async () => {
    const messages = await fixtureMessages();
    assert.ok(messages.length >= 100, `only ${messages.length} messages: are the fixtures being read?`);
    const bad = messages.flatMap((m) => {
      const text = m.slice(m.indexOf(': ') + 2);
      const problems = [...sentenceProblems(text), ...(text.length > MESSAGE_MAX ? [`is ${text.length} characters long`] : [])];
      return problems.length ? [`${m}\n    ${problems.join('; ')}`] : [];
    });
    assert.deepEqual(bad, []);
    const lengths = messages.map((m) => m.length - m.indexOf(': ') - 2);
    assert.ok(median(lengths) < MESSAGE_MEDIAN_MAX, `median message length ${median(lengths)}`);
  });

  it('the built-in profiles’ notes complete a message in one sentence', () => {
    const notes: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object')
        for (const [key, v] of Object.entries(value)) {
          if (key === 'note' && typeof v === 'string') notes.push(v);
          else collect(v);
        }
    };
    for (const id of ['gen3', 'defra']) collect(JSON.parse(readFileSync(join(root, 'profiles', `${id}.json`), 'utf8')));
    assert.ok(notes.length > 5);
    assert.deepEqual(
      notes.flatMap((n) => noteProblems(n).map((p) => `${n}: ${p}`)),
      [],
    );
  });

  it('tells one sentence from two, whatever the quoted values hold', () => {
    assert.deepEqual(sentenceProblems("'hashlib.md5' without usedforsecurity=False raises ValueError in FIPS mode."), []);
    assert.deepEqual(sentenceProblems("'a. b; c' is not one of the profile's images, so it is taken to run as root."), []);
    assert.deepEqual(sentenceProblems('hashlib.new("x. y") with MD5 raises ValueError in FIPS mode (tag catalog of 2026-11-20).'), []);
    assert.deepEqual(sentenceProblems("The container runs as 'root'; switch back to 'gen3'."), ["has a ';' (the remedy goes in the fix title)"]);
    assert.deepEqual(sentenceProblems("'md5' raises ValueError. Use hashlib.sha256."), ['has more than one sentence']);
    assert.deepEqual(sentenceProblems("The tag 'x' is deprecated"), ['does not end with a full stop']);
    assert.deepEqual(noteProblems('a mirror; pull from the central repository'), ["has a ';' (the remedy goes in the fix title)"]);
  });
});
