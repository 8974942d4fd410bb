import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from 'dockerfile-ast/lib/parser';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';

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
