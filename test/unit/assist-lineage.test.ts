import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeImage } from '../../server/src/assist/complete';
import { BUILTIN_PROFILES, builtinProfile, catalogFor } from '../../server/src/engine';

describe('tag completion details fit the details pane', () => {
  // The pane is about 40 characters of code wide, and a browser does not break inside a code span's
  // unspaced text: a longer one ran under the pane's edge (issue 10: the lineage line was cut off).
  it('no code span in the lineage line is longer than 36 characters, and every step is still there', () => {
    for (const id of Object.keys(BUILTIN_PROFILES)) {
      const profile = builtinProfile(id)!;
      const catalog = catalogFor(profile);
      for (const repo of profile.repositories) {
        const line = `FROM ${repo.name}:`;
        const items = completeImage(`${line}\n`, { line: 0, character: line.length }, catalog) ?? [];
        assert.ok(items.length, `${id} ${repo.name}: tag completions`);
        for (const item of items.filter((i) => i.documentation.includes(' → '))) {
          const lineageLine = item.documentation.split('\n').find((l) => l.includes(' → '))!;
          for (const span of lineageLine.match(/`[^`]*`/g) ?? []) assert.ok(span.length - 2 <= 36, `${id} ${item.label}: ${span}`);
          assert.ok(lineageLine.endsWith(`\`${item.label}\``), lineageLine);
        }
      }
    }
    const gen3 = catalogFor(builtinProfile('gen3')!);
    const line = 'FROM quay.io/cdis/amazonlinux-base:';
    const pythonbase = completeImage(`${line}\n`, { line: 0, character: line.length }, gen3)!.find((i) => i.label === '3.13-pythonbase')!;
    assert.match(pythonbase.documentation, /^`amazonlinux:2023` \(public\.ecr\.aws\/amazonlinux\) → `hardened` → `3\.13-buildbase` → `3\.13-pythonbase`$/m);
  });
});
