import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { builtinProfile, lint, type Range } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';
import { holding } from '../../server/src/engine/dockerfile/pragmas';
import { dockerfileArbitrary } from './properties/dockerfiles';
import { framing, joinLines } from './properties/framing';
import { Util } from 'dockerfile-ast/lib/util';
import type { Comment, Dockerfile } from 'dockerfile-ast';

/** dockerfile-ast's own placement of comments (comments × stages), which parse.ts replaces with a sweep. */
function placedByScan(dockerfile: Dockerfile): Comment[][] {
  const internals = dockerfile as unknown as { initialInstructions: { getRange(): Range }; buildStages: Array<{ getRange(): Range }> };
  const placed: Comment[][] = [[], ...internals.buildStages.map(() => [])];
  for (const comment of dockerfile.getComments()) {
    if (Util.isInsideRange(comment.getRange().end, internals.initialInstructions.getRange())) placed[0].push(comment);
    else
      internals.buildStages.forEach((stage, k) => {
        if (Util.isInsideRange(comment.getRange().start, stage.getRange())) placed[k + 1].push(comment);
      });
  }
  return placed;
}

function placed(dockerfile: Dockerfile): Comment[][] {
  const internals = dockerfile as unknown as { initialInstructions: { getComments(): Comment[] }; buildStages: Array<{ getComments(): Comment[] }> };
  return [internals.initialInstructions.getComments(), ...internals.buildStages.map((s) => s.getComments())];
}

// Suppression looks up the instruction holding a finding's line by binary search (a scan of every pragma
// per finding was quadratic). It must name the instruction a scan of them all would, on any file.
describe('linear lookups in Dockerfiles (issue 11 item 5)', () => {
  it('is the one a scan of every instruction finds, on generated Dockerfiles', () => {
    const profiles = [builtinProfile('gen3')!, builtinProfile('defra')!];
    fc.assert(
      fc.property(dockerfileArbitrary(profiles, { allowOpenHeredoc: true }), framing(true), ({ lines }, f) => {
        const text = joinLines(lines, f);
        const instructions = parseDockerfile(text).getInstructions();
        const lastLine = text.split(/\r\n|\r|\n/).length + 1;
        for (let line = 0; line <= lastLine; line++) {
          const scanned = instructions.find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
          assert.equal(
            holding(instructions, line, (i) => i),
            scanned,
            `line ${line}`,
          );
        }
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('each comment is filed under the stage dockerfile-ast itself would file it under', () => {
    const profiles = [builtinProfile('gen3')!, builtinProfile('defra')!];
    const comment = fc.constantFrom('# a comment', '   # indented', '# container-standards ignore=IMG001', '#', '# syntax=docker/dockerfile:1');
    const withComments = fc
      .tuple(dockerfileArbitrary(profiles, { allowOpenHeredoc: true }), fc.array(fc.tuple(fc.nat(), comment), { maxLength: 8 }))
      .map(([{ lines }, inserts]) => {
        const out = [...lines];
        for (const [at, text] of inserts) out.splice(at % (out.length + 1), 0, text);
        return out;
      });
    fc.assert(
      fc.property(withComments, framing(true), (lines, f) => {
        const dockerfile = parseDockerfile(joinLines(lines, f));
        assert.deepEqual(placed(dockerfile), placedByScan(dockerfile));
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('a pragma still silences only its own instruction, in a file with thousands of them', async () => {
    const stages = Array.from({ length: 3000 }, (_, i) => `# container-standards ignore=IMG001\nFROM python:3.${i} AS s${i}\nUSER gen3\n`);
    // This stage's pragma stands above its USER: it does not cover the FROM.
    stages[1500] = 'FROM python:3.1500 AS s1500\n# container-standards ignore=IMG001\nUSER gen3\n';
    const { findings } = await lint(stages.join(''), 'dockerfile', { profile: builtinProfile('gen3')! });
    assert.deepEqual(
      findings.filter((f) => f.code === 'IMG001').map((f) => f.range.start.line),
      [1500 * 3],
    );
  });
});
