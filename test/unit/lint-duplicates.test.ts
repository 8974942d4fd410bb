import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint, type Finding } from '../../server/src/engine';
import type { DockerfileContext } from '../../server/src/engine/dockerfile/context';
import { dockerfileSupport } from '../../server/src/engine/dockerfile/support';
import { lintWith } from '../../server/src/engine/lint';
import { defineRule, type Report } from '../../server/src/engine/rule';
import type { Range } from '../../server/src/engine/types';

const gen3 = builtinProfile('gen3')!;
const on = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });
const fix = (title: string, range: Range, newText: string) => ({ title, edits: [{ range, newText }], applicability: 'unsafe' as const });

/** A rule that reports what it is given, in that order, under `code`. */
function reporting(code: string, reports: Report[]) {
  return defineRule<DockerfileContext>({
    meta: { code, name: `toy-${code.toLowerCase()}`, language: 'dockerfile', severity: 'warning', summary: 'Reports what the test gives it.' },
    check: (_ctx, report) => reports.forEach((r) => report(r)),
  });
}

const shape = (f: Finding) => ({ code: f.code, range: f.range, message: f.message, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })) });

describe('one finding per rule and range (lint merges duplicates)', () => {
  it('two FROMs using one bad ARG default: one IMG001, each fix editing the default once', async () => {
    const text = 'ARG BASE=python:3.13\nFROM ${BASE} AS a\nRUN x\nFROM ${BASE}\nCMD ["x"]\n';
    const img = (await lint(text, 'dockerfile', { profile: gen3 })).findings.filter((f) => f.code === 'IMG001');
    assert.equal(img.length, 1);
    assert.deepEqual(img[0].range, on(0, 9, 15));
    assert.ok(img[0].fixes.length > 0);
    for (const f of img[0].fixes)
      assert.deepEqual(
        f.edits.map((e) => e.range),
        [on(0, 9, 20)],
      );
  });

  it('merges the same code and range wherever they are reported, keeping only fixes both offer', async () => {
    const a = on(1, 0, 4);
    const longer = on(1, 0, 9);
    const rule = reporting('TOY001', [
      { range: a, message: 'first', fixes: [fix('Use x', on(1, 0, 4), 'x'), fix('Use y', on(1, 0, 4), 'y')] },
      // Same start, another end: its own finding, reported between the two duplicates.
      { range: longer, message: 'longer' },
      { range: a, message: 'second', fixes: [fix('Use x', on(3, 0, 1), 'z'), fix('Only here', on(1, 0, 4), 'w')] },
      // The same characters under another code are another finding.
    ]);
    const other = reporting('TOY002', [{ range: a, message: 'other code' }]);
    const { findings } = await lintWith({ ...dockerfileSupport, rules: [rule, other], skips: undefined }, 'FROM a\nFROM b\nRUN c\nRUN d\n', { profile: gen3 });
    assert.deepEqual(findings.map(shape), [
      {
        code: 'TOY001',
        range: a,
        message: 'first',
        fixes: [
          {
            title: 'Use x',
            edits: [
              { range: on(1, 0, 4), newText: 'x' },
              { range: on(3, 0, 1), newText: 'z' },
            ],
          },
        ],
      },
      { code: 'TOY001', range: longer, message: 'longer', fixes: [] },
      { code: 'TOY002', range: a, message: 'other code', fixes: [] },
    ]);
  });

  it('drops a merged fix whose edits would overlap', async () => {
    const a = on(0, 0, 4);
    const rule = reporting('TOY001', [
      { range: a, message: 'one', fixes: [fix('Use x', on(0, 0, 4), 'x')] },
      { range: a, message: 'two', fixes: [fix('Use x', on(0, 2, 6), 'y')] },
    ]);
    const { findings } = await lintWith({ ...dockerfileSupport, rules: [rule], skips: undefined }, 'FROM abcdef\n', { profile: gen3 });
    assert.deepEqual(findings.map(shape), [{ code: 'TOY001', range: a, message: 'one', fixes: [] }]);
  });
});
