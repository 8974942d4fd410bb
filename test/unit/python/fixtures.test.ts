import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { builtinProfile, lint } from '../../../server/src/engine';

// Run from out/test/unit/python: the repository root is four levels up.
const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'python');

/**
 * ruff-style fixture files: in test/fixtures/python/<CODE>.py, exactly the lines that end in
 * `# expect: <CODE>` must be reported by that rule; the file also shows what must stay quiet.
 */
describe('Python rule fixtures', () => {
  for (const code of ['FIPS001', 'FIPS002', 'FIPS003', 'FIPS004', 'FIPS005']) {
    it(`${code}.py: reported on exactly the marked lines`, async () => {
      const text = readFileSync(join(fixtures, `${code}.py`), 'utf8');
      const expected = text.split('\n').flatMap((line, i) => (line.trimEnd().endsWith(`# expect: ${code}`) ? [i + 1] : []));
      assert.ok(expected.length >= 5, 'a fixture marks at least five lines');
      const { findings } = await lint(text, 'python', { profile: builtinProfile('gen3')! });
      const reported = findings.filter((f) => f.code === code).map((f) => f.range.start.line + 1);
      assert.deepEqual(reported, expected);
    });
  }
});
