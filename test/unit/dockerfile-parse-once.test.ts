import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Dockerfile, ImageTemplate, Instruction } from 'dockerfile-ast';
import { builtinProfile } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';
// After the engine: dockerfile-ast's modules must load from its main module first (they import each other).
import { Parser } from 'dockerfile-ast/lib/parser';
import { dockerfileArbitrary } from './properties/dockerfiles';
import { framing, joinLines } from './properties/framing';

type Create = typeof Parser.createInstruction;

/** How many instructions dockerfile-ast builds while parsing `text` (every build goes through the static factory). */
function builds(text: string): number {
  const factory = Parser.createInstruction;
  let count = 0;
  Parser.createInstruction = ((...args: Parameters<Create>) => {
    count++;
    return factory(...args);
  }) as Create;
  try {
    parseDockerfile(text);
  } finally {
    Parser.createInstruction = factory;
  }
  return count;
}

describe('Dockerfiles are parsed once (issue 12: dockerfile-ast built each instruction twice)', () => {
  it('each instruction with arguments is built once', () => {
    assert.equal(builds('FROM python:3.13 AS app\nUSER root\nRUN echo hi\nCOPY a b\nCMD ["x"]\n'), 5);
  });

  it('an instruction with a heredoc still ends after its heredoc', () => {
    const text = 'FROM python:3.13\nRUN <<EOF\nset -e\necho hi\nEOF\nUSER app\n';
    const instructions = parseDockerfile(text).getInstructions();
    assert.deepEqual(
      instructions.map((i) => [i.getKeyword(), i.getRange().start.line, i.getRange().end.line]),
      [
        ['FROM', 0, 0],
        ['RUN', 1, 4],
        ['USER', 5, 5],
      ],
    );
  });

  it('flags, arguments and ONBUILD triggers read as before', () => {
    const text =
      'ARG V=1\nFROM python:${V} AS a\nRUN apt-get update && \\\n    apt-get install -y curl\nCOPY --chown=app:app --from=a /x /y\nONBUILD RUN echo hi\nUSER app\n';
    const shape = parseDockerfile(text)
      .getInstructions()
      .map((i) => [i.getKeyword(), i.getRange().start.line, i.getRange().end.line, i.getArguments().map((a) => a.getValue())]);
    assert.deepEqual(shape, [
      ['ARG', 0, 0, ['V=1']],
      ['FROM', 1, 1, ['python:${V}', 'AS', 'a']],
      ['RUN', 2, 3, ['apt-get', 'update', '&&', 'apt-get', 'install', '-y', 'curl']],
      ['COPY', 4, 4, ['/x', '/y']],
      ['ONBUILD', 5, 5, ['RUN', 'echo', 'hi']],
      ['USER', 6, 6, ['app']],
    ]);
  });
});

/** dockerfile-ast's own parser, from a fresh copy of its module (parse.ts patches the one the engine loads). */
function libraryParse(text: string): Dockerfile {
  // The parser and the Dockerfile class it builds (parse.ts patches both).
  const paths = ['dockerfile-ast/lib/parser', 'dockerfile-ast/lib/dockerfile'].map((m) => require.resolve(m));
  const cached = paths.map((path) => require.cache[path]);
  for (const path of paths) delete require.cache[path];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Parser: Fresh } = require(paths[0]) as { Parser: new () => { parse(text: string): Dockerfile } };
    return new Fresh().parse(text);
  } finally {
    paths.forEach((path, i) => (require.cache[path] = cached[i]));
  }
}

function instructionsOf(dockerfile: Dockerfile) {
  const shape = (i: Instruction) => ({ kind: i.constructor.name, keyword: i.getInstruction(), range: i.getRange(), keywordRange: i.getInstructionRange() });
  // Each build stage's own lists too: the patch copies a stage's list when the next FROM closes it.
  const { initialInstructions, buildStages } = dockerfile as unknown as { initialInstructions: ImageTemplate; buildStages: ImageTemplate[] };
  const stage = (t: ImageTemplate) => ({ instructions: t.getInstructions().map((i) => i.getRange()), comments: t.getComments().map((c) => c.getRange()) });
  return { all: dockerfile.getInstructions().map(shape), initial: stage(initialInstructions), stages: buildStages.map(stage) };
}

describe('instructions built by the patched parser (engine/dockerfile/parse.ts)', () => {
  it('have the classes, keywords and ranges the library gives them, on generated Dockerfiles', () => {
    const profiles = [builtinProfile('gen3')!, builtinProfile('defra')!];
    fc.assert(
      fc.property(dockerfileArbitrary(profiles, { allowOpenHeredoc: true }), framing(true), ({ lines }, f) => {
        const text = joinLines(lines, f);
        assert.deepEqual(instructionsOf(parseDockerfile(text)), instructionsOf(libraryParse(text)));
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('finds a heredoc spelt with an escape or across a continuation line, as the library does', () => {
    for (const text of ['FROM a\nRUN <\\<EOF\necho hi\nEOF\nUSER x\n', 'FROM a\nCOPY <\\\n<EOF /x\nhi\nEOF\nUSER x\n', 'FROM a\nRUN echo <x\nUSER x\n']) {
      const ours = instructionsOf(parseDockerfile(text));
      assert.deepEqual(ours, instructionsOf(libraryParse(text)), JSON.stringify(text));
    }
    // The escaped heredoc is read as one: RUN ends on its EOF line.
    assert.equal(instructionsOf(parseDockerfile('FROM a\nRUN <\\<EOF\necho hi\nEOF\nUSER x\n')).all[1].range.end.line, 3);
  });

  it('and on lines of escapes, continuations, heredocs (also spelt with an escape, `<\\<EOF`) and directives', () => {
    const piece = fc.constantFrom(' ', '\t', '\\', '`', '#', '<', '<<EOF', 'EOF', 'FROM', 'RUN', 'COPY', 'onbuild', 'x', '# escape=`', '\\ ');
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc
      .array(fc.tuple(fc.array(piece, { maxLength: 6 }), eol), { minLength: 1, maxLength: 8 })
      .map((rows) => rows.map(([p, e]) => p.join('') + e).join(''));
    fc.assert(
      fc.property(text, (t) => assert.deepEqual(instructionsOf(parseDockerfile(t)), instructionsOf(libraryParse(t)))),
      { seed: 20261128, numRuns: 2000 },
    );
  });
});
