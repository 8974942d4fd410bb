import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, builtinProfile, lint } from '../../../server/src/engine';

const profile = builtinProfile('gen3')!;
const MD5 = 'import hashlib\nx = hashlib.md5(b"x")\n';

async function codes(text: string): Promise<string[]> {
  return (await lint(text, 'python', { profile })).findings.map((f) => `${f.range.start.line + 1}:${f.code}`);
}

/** Applies "Disable CODE for this file" to the first finding and checks that the finding is gone. */
async function disableFile(text: string): Promise<string> {
  const result = await lint(text, 'python', { profile });
  const [finding] = result.findings;
  assert.ok(finding, 'expected a finding');
  const edit = result.fileSuppressionEdit(finding);
  assert.ok(edit, 'Python offers "Disable CODE for this file"');
  const { text: after } = applyFixes(text, [{ title: 'disable for file', edits: [edit], applicability: 'safe' }]);
  assert.deepEqual(
    (await lint(after, 'python', { profile })).findings.filter((f) => f.code === finding.code),
    [],
    after,
  );
  return after;
}

describe('Python file-wide suppression', () => {
  it('"Disable FIPS001 for this file" writes an ignore-file comment at the top', async () => {
    assert.equal(await disableFile(MD5), `# container-standards ignore-file=FIPS001\n${MD5}`);
  });

  it('keeps a #! line and an encoding declaration first, and CRLF line endings', async () => {
    const text = '#!/usr/bin/env python3\r\n# -*- coding: utf-8 -*-\r\nimport hashlib\r\nx = hashlib.md5(b"x")\r\n';
    assert.equal(
      await disableFile(text),
      '#!/usr/bin/env python3\r\n# -*- coding: utf-8 -*-\r\n# container-standards ignore-file=FIPS001\r\nimport hashlib\r\nx = hashlib.md5(b"x")\r\n',
    );
  });

  it('adds the code to an ignore-file comment already there', async () => {
    const text = `"""Doc."""\n# container-standards ignore-file=FIPS002\n${MD5}`;
    assert.equal(await disableFile(text), `"""Doc."""\n# container-standards ignore-file=FIPS002,FIPS001\n${MD5}`);
  });

  it('covers every line, by code or name; with no codes every rule; other rules stay on', async () => {
    const two = 'import hashlib\na = hashlib.md5(b"a")\nb = hashlib.new("md4")\n';
    assert.deepEqual(await codes(two), ['2:FIPS001', '3:FIPS002']);
    assert.deepEqual(await codes(`${two}# container-standards ignore-file=md5-without-usedforsecurity\n`), ['3:FIPS002']);
    assert.deepEqual(await codes(`# container-standards ignore-file=\n${two}`), []);
  });

  it("honours ruff's file-level exemption, and only on a line of its own", async () => {
    assert.deepEqual(await codes(`# ruff: noqa: S324\n${MD5}`), []);
    assert.deepEqual(await codes(`# ruff: noqa\n${MD5}`), []);
    assert.deepEqual(await codes(`import hashlib\nx = hashlib.md5(b"x")\ny = 1  # container-standards ignore-file=FIPS001\n`), ['2:FIPS001']);
    assert.deepEqual(await codes(`# ruff: noqa: E501\n${MD5}`), ['3:FIPS001']);
  });
});
