import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { builtinProfile, lint, type Position, type Range } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';
import { holding } from '../../server/src/engine/dockerfile/pragmas';
import { dockerfileArbitrary } from './properties/dockerfiles';
import { framing, joinLines } from './properties/framing';
import { Util } from 'dockerfile-ast/lib/util';
import { DockerfileParser, type Comment, type Dockerfile } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';

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

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).constructor.name}`;
  }
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

  it('variables resolve as dockerfile-ast itself resolves them (FROM, ARG, ENV, stages, global ARGs)', () => {
    const names = ['A', 'B', 'TAG'];
    const name = fc.constantFrom(...names);
    const line = fc.oneof(
      fc.tuple(name, fc.constantFrom('1', '', 'x y', '$A', '${B:-z}')).map(([n, v]) => `ARG ${n}${v ? `=${v}` : ''}`),
      fc.tuple(name, fc.constantFrom('1', 'two', '$TAG')).map(([n, v]) => `ARG ${n}=${v}`),
      fc.tuple(name, name, fc.constantFrom('1', 'v')).map(([n, m, v]) => `ENV ${n}=${v} ${m}=${v}2`),
      fc.tuple(name, fc.constantFrom('python', 'quay.io/cdis/amazonlinux-base')).map(([n, image]) => `FROM ${image}:$${n}`),
      fc.tuple(name, name).map(([n, m]) => `FROM \${${n}}:\${${m}:-3} AS s${n}`),
      fc.constantFrom('FROM python:3.13 AS build', 'FROM build', '# a comment', ''),
      fc.tuple(name, name).map(([n, m]) => `USER $${n}:\${${m}}`),
      fc.tuple(name, name).map(([n, m]) => `RUN echo $${n} \\\n  && echo \${${m}:+set}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), (lines) => {
        const text = lines.join('\n');
        const ours = parseDockerfile(text);
        const theirs = DockerfileParser.parse(text);
        const read = (d: Dockerfile) =>
          d.getInstructions().map((i) => ({
            expanded: i.getExpandedArguments().map((a) => a.getValue()),
            variables: i.getVariables().map((v) => [v.getName(), v.getRange(), v.isDefined(), v.isBuildVariable(), v.isEnvironmentVariable()]),
          }));
        assert.deepEqual(read(ours), read(theirs));
        const stageOf = (d: Dockerfile, at: Position) => {
          const internals = d as unknown as { initialInstructions: unknown; buildStages: unknown[]; getContainingImage(p: Position): unknown };
          const image = internals.getContainingImage(at);
          return image === internals.initialInstructions ? 'initial' : image === d ? 'file' : image === null ? null : internals.buildStages.indexOf(image);
        };
        for (let l = 0; l <= lines.length + 1; l++) {
          // Asked about a line outside every stage, the library recurses until the stack overflows: so do we.
          for (const n of names)
            assert.equal(
              outcome(() => ours.resolveVariable(n, l)),
              outcome(() => theirs.resolveVariable(n, l)),
              `${n} on line ${l}`,
            );
          for (const character of [0, 3, 100]) assert.equal(stageOf(ours, { line: l, character }), stageOf(theirs, { line: l, character }));
        }
      }),
      { seed: 20261128, numRuns: 400 },
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

  it('lookups read the index once, at the first lookup, not at every lookup or at the parse', () => {
    const text = Array.from({ length: 200 }, (_, i) => `FROM python:3.${i} AS s${i}\nARG U=app\nUSER $U\n`).join('');
    // The library's lookups scan every FROM for each variable; the index reads them once.
    const proto = DockerfileClass.prototype as unknown as { getFROMs(): unknown[] };
    const getFROMs = proto.getFROMs;
    let scans = 0;
    proto.getFROMs = function (this: unknown) {
      scans++;
      return getFROMs.call(this);
    };
    try {
      const dockerfile = parseDockerfile(text);
      assert.equal(scans, 0, 'the parse reads no index');
      const users = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'USER');
      assert.deepEqual(new Set(users.map((u) => u.getExpandedArguments()[0].getValue())), new Set(['app']));
      assert.equal(scans, 1);
    } finally {
      proto.getFROMs = getFROMs;
    }
  });
});
