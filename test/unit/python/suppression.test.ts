import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, builtinProfile, lint } from '../../../server/src/engine';

const profile = builtinProfile('gen3')!;

async function disable(text: string): Promise<string> {
  const result = await lint(text, 'python', { profile });
  const [finding] = result.findings;
  assert.ok(finding, 'expected a finding');
  const { text: after } = applyFixes(text, [{ title: 'disable', edits: [result.suppressionEdit(finding)], applicability: 'safe' }]);
  assert.deepEqual((await lint(after, 'python', { profile })).findings, [], after);
  return after;
}

describe('Python suppression comments', () => {
  it('"Disable FIPS001 for this line" appends a noqa comment', async () => {
    assert.equal(await disable('import hashlib\nx = hashlib.md5(b"x")\n'), 'import hashlib\nx = hashlib.md5(b"x")  # noqa: FIPS001\n');
  });

  it('adds the code to a noqa list already on the line', async () => {
    assert.equal(await disable('import hashlib\nx = hashlib.md5(b"x")  # noqa: E501\n'), 'import hashlib\nx = hashlib.md5(b"x")  # noqa: E501, FIPS001\n');
  });

  it('keeps another comment and CRLF line endings', async () => {
    assert.equal(
      await disable('import hashlib\r\nx = hashlib.md5(b"x")  # legacy ids\r\n'),
      'import hashlib\r\nx = hashlib.md5(b"x")  # legacy ids  # noqa: FIPS001\r\n',
    );
  });

  it('a comment on another line does not suppress, and nosec covers only the MD5 rules', async () => {
    const above = await lint('import hashlib\n# noqa: FIPS001\nx = hashlib.md5(b"x")\n', 'python', { profile });
    assert.deepEqual(
      above.findings.map((f) => f.code),
      ['FIPS001'],
    );
    const nosec = await lint('import hashlib\nx = hashlib.new("md4")  # nosec\n', 'python', { profile });
    assert.deepEqual(
      nosec.findings.map((f) => f.code),
      ['FIPS002'],
    );
  });

  it('a comment on any line of a multi-line call counts; one after the statement, outside the call, does not', async () => {
    const closing = await lint('import hashlib, hmac\nx = hmac.new(\n    key,\n    msg,\n    "md5",\n).hexdigest()  # nosec B324\n', 'python', { profile });
    assert.deepEqual(closing.findings, []);
    const outside = await lint('import hashlib\nx = [\n    hashlib.md5(b"x"),\n]  # noqa: FIPS001\n', 'python', { profile });
    assert.deepEqual(
      outside.findings.map((f) => `${f.code} ${f.range.start.line + 1}`),
      ['FIPS001 3'],
    );
  });

  it('rule names work like codes', async () => {
    const named = await lint('import hashlib\nx = hashlib.md5(b"x")  # noqa: md5-without-usedforsecurity\n', 'python', { profile });
    assert.deepEqual(named.findings, []);
  });
});
