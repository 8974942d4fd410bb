import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, builtinProfile, lint } from '../../server/src/engine';

const gen3 = builtinProfile('gen3')!;

async function codes(text: string): Promise<string[]> {
  return (await lint(text, 'dockerfile', { profile: gen3 })).findings.map((f) => `${f.range.start.line + 1}:${f.code}`);
}

const BAD = 'FROM python:3.13\nUSER root\nCMD ["app"]\n';

describe('Dockerfile pragmas', () => {
  it('without pragmas the file has findings', async () => {
    assert.deepEqual(await codes(BAD), ['1:IMG001', '2:USR002']);
  });

  it('ignore= covers the next instruction only, by code or by name', async () => {
    assert.deepEqual(await codes(`# container-standards ignore=IMG001\n${BAD}`), ['3:USR002']);
    assert.deepEqual(await codes(`# container-standards ignore=root-user\n${BAD}`), ['2:IMG001', '3:USR002']);
    assert.deepEqual(await codes('FROM python:3.13\n# container-standards ignore=root-user\nUSER root\nCMD ["app"]\n'), ['1:IMG001']);
  });

  it('a run of comment lines above the instruction counts, a blank line breaks it', async () => {
    assert.deepEqual(await codes(`# container-standards ignore=IMG001\n# why: tooling stage\n${BAD}`), ['4:USR002']);
    assert.deepEqual(await codes(`# container-standards ignore=IMG001\n\n${BAD}`), ['3:IMG001', '4:USR002']);
  });

  it('ignore-file= before the first instruction covers the file; after it, nothing', async () => {
    assert.deepEqual(await codes(`# container-standards ignore-file=IMG001,USR002\n${BAD}`), []);
    assert.deepEqual(await codes(`FROM python:3.13\n# container-standards ignore-file=USR002\nUSER root\nCMD ["app"]\n`), ['1:IMG001', '3:USR002']);
  });

  it("hadolint's pragmas count for the rules that mean the same", async () => {
    assert.deepEqual(await codes(`# hadolint ignore=DL3026\n${BAD}`), ['3:USR002']);
    assert.deepEqual(await codes(`# hadolint global ignore=DL3002\n${BAD}`), ['2:IMG001']);
    assert.deepEqual(await codes('# hadolint ignore=DL3006\nFROM quay.io/cdis/amazonlinux-base\nUSER gen3\nCMD ["app"]\n'), []);
  });

  it('unknown codes and other hadolint rules are ignored', async () => {
    assert.deepEqual(await codes(`# container-standards ignore=NOPE999\n# hadolint ignore=DL3008\n${BAD}`), ['3:IMG001', '4:USR002']);
  });

  it('"Disable CODE for this line" writes the pragma, or adds to the one already there', async () => {
    const first = await lint(BAD, 'dockerfile', { profile: gen3 });
    const once = applyFixes(BAD, [{ title: 'x', edits: [first.suppressionEdit(first.findings[0])], applicability: 'safe' }]).text;
    assert.equal(once, `# container-standards ignore=IMG001\n${BAD}`);
    const withComment = '# container-standards ignore=IMG003\nFROM python:3.13\nUSER gen3\nCMD ["app"]\n';
    const second = await lint(withComment, 'dockerfile', { profile: gen3 });
    const twice = applyFixes(withComment, [{ title: 'x', edits: [second.suppressionEdit(second.findings[0])], applicability: 'safe' }]).text;
    assert.equal(twice, '# container-standards ignore=IMG003,IMG001\nFROM python:3.13\nUSER gen3\nCMD ["app"]\n');
    assert.deepEqual(await codes(twice), []);
  });
});
