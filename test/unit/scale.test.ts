import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, rootStage } from '../../server/src/engine/dockerfile/model';
import { builtinProfile, lint } from '../../server/src/engine/index';

// Huge and deeply nested input must get the same answer as small input, without a stack overflow.
// These tests check results only; how long they take is measured by `npm run bench`, not here.

const profile = builtinProfile('gen3')!;

describe('many Dockerfile stages (repro F15)', () => {
  const stages = 40_000;
  let text = '';
  for (let i = 0; i < stages; i++) text += `FROM python:3.${i % 10} AS s${i}\nUSER root\n`;

  it('finds every stage with its own body, and reports each FROM once', async () => {
    const model = buildModel(text);
    assert.equal(model.stages.length, stages);
    const last = model.stages[stages - 1];
    assert.equal(last.alias, `s${stages - 1}`);
    assert.equal(last.body.length, 1);
    assert.equal(last.users[0].value, 'root');
    assert.equal(last.users[0].instruction.getRange().start.line, 2 * stages - 1);
    assert.ok(model.stages.every((s) => s.body.length === 1 && s.users.length === 1 && s.image));

    const { findings } = await lint(text, 'dockerfile', { profile });
    const img001 = findings.filter((f) => f.code === 'IMG001');
    assert.equal(img001.length, stages);
    assert.deepEqual(img001[stages - 1].range.start, { line: 2 * (stages - 1), character: 5 });
    // The final stage ends as root: one USR002 on its USER line.
    assert.deepEqual(
      findings.filter((f) => f.code === 'USR002').map((f) => f.range.start.line),
      [2 * stages - 1],
    );
  });

  it('links each stage built FROM an earlier alias to that stage', () => {
    let chain = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase AS s0\n';
    for (let i = 1; i < stages; i++) chain += `FROM S${i - 1} AS s${i}\nRUN step${i}\n`;
    const model = buildModel(chain);
    assert.equal(model.stages.length, stages);
    const last = model.stages[stages - 1];
    assert.equal(last.parent, model.stages[stages - 2]);
    assert.equal(rootStage(last), model.stages[0]);
    assert.equal(last.image, undefined);
    // A later stage with an alias used before does not capture earlier references.
    const reused = buildModel('FROM a AS x\nFROM x AS y\nFROM b AS x\nFROM x\n');
    assert.equal(reused.stages[1].parent, reused.stages[0]);
    assert.equal(reused.stages[3].parent, reused.stages[2]);
  });
});

describe('deep nesting in Python (repro F21)', () => {
  const codes = async (text: string) =>
    (await lint(text, 'python', { profile })).findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`);

  it('a 10,000- and a 100,000-deep attribute chain get an answer (not a stack overflow)', async () => {
    // `hashlib.a.a….md5` is not hashlib.md5: nothing to report, and no crash.
    for (const depth of [10_000, 100_000]) {
      assert.deepEqual(await codes(`import hashlib\nx = hashlib${'.a'.repeat(depth)}.md5()\n`), [], `depth ${depth}`);
    }
  });

  it('finds the MD5 call at the bottom of a 100,000-deep attribute chain', async () => {
    const found = await codes(`import hashlib\nx = hashlib.md5(data)${'.a'.repeat(100_000)}\n`);
    assert.ok(found.includes('FIPS001@1:4'), found.join());
  });

  it('finds the MD5 call inside 100,000 nested parentheses and brackets', async () => {
    const depth = 100_000;
    assert.ok((await codes(`import hashlib\nx = hashlib.md5(${'('.repeat(depth)}data${')'.repeat(depth)})\n`)).includes('FIPS001@1:4'));
    assert.ok((await codes(`import hashlib\nx = ${'['.repeat(depth)}hashlib.md5(data)${']'.repeat(depth)}\n`)).includes(`FIPS001@1:${4 + depth}`));
  });

  it('resolves names through 100,000 nested lambdas (scopes on a stack, no parent walks)', async () => {
    const depth = 100_000;
    const inner = 4 + 'lambda: '.length * depth;
    assert.ok((await codes(`import hashlib\nf = ${'lambda: '.repeat(depth)}hashlib.md5(data)\n`)).includes(`FIPS001@1:${inner}`));
    // A parameter named hashlib in the innermost lambda shadows the module.
    assert.deepEqual(await codes(`import hashlib\nf = ${'lambda: '.repeat(depth - 1)}lambda hashlib: hashlib.md5(data)\n`), []);
  });

  it('binds names in a 100,000-deep nested assignment target', async () => {
    const depth = 100_000;
    // `((…(md5,),…),) = …` rebinds md5, so the call below is not hashlib's.
    const target = `${'('.repeat(depth)}md5${',)'.repeat(depth)}`;
    assert.deepEqual(await codes(`from hashlib import md5\n${target} = hooks\nmd5(b"x")\n`), []);
    assert.ok((await codes(`from hashlib import md5\nmd5(b"x")\n${target} = hooks\n`)).includes('FIPS001@1:0'));
  });
});
