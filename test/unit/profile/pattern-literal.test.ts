import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePattern } from '../../../server/src/engine/profile/pattern';

// re2js's CommonJS build, as pattern.ts loads it: the reference the word shortcut must agree with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RE2JS } = require('re2js') as {
  RE2JS: { compile(s: string, flags: number): { matcher(t: string): { find(): boolean } }; CASE_INSENSITIVE: number };
};

// Plain-word patterns (`build`, `^dev`) are matched by string comparison on ASCII text; every answer must
// be RE2's, including texts whose case folding reaches beyond ASCII.
describe('profile patterns that are plain words', () => {
  const sources = ['build', '^dev', 'prod$', '^s1$', 'a-b_c', '^', '$', '^$', 'x.y', '^(dev)', 'DEV'];
  const texts = ['build', 'Builder', 'rebuild', 'dev', 'DEVELOP', 'mydev', 'prod', 'preprod', 'PROD', 's1', 'S1', 's10', 'a-b_c', 'xay', ''];
  // U+212A KELVIN SIGN folds to k, U+017F LONG S to s: RE2 matches them case-insensitively.
  const unicode = ['\u212Aelvin', 'buil\u017F', 'build\u00e9', '\u017F1'];
  for (const ignoreCase of [false, true]) {
    it(`answers as RE2 does (${ignoreCase ? 'ignoring case' : 'case-sensitive'})`, () => {
      for (const source of [...sources, 'kelvin', '^s1', 's']) {
        const ours = compilePattern(source, ignoreCase);
        const re2 = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
        for (const text of [...texts, ...unicode]) {
          assert.equal(ours.test(text), re2.matcher(text).find(), `${source} on ${JSON.stringify(text)}`);
        }
      }
    });
  }
  it('sends non-ASCII text to RE2, which folds the Kelvin sign to k', () => {
    assert.equal(compilePattern('^kelvin$', true).test('\u212Aelvin'), true);
    assert.equal(compilePattern('^kelvin$', false).test('\u212Aelvin'), false);
  });
});
