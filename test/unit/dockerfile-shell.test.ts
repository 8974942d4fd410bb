import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';
import { runCommands } from '../../server/src/engine/dockerfile/shell';
import { SourceText } from '../../server/src/engine/text';

/** The words of each simple command of the file's first RUN, with where each is written. */
function commandsOf(text: string): Array<Array<[string, number, number]>> | undefined {
  const dockerfile = parseDockerfile(text);
  const run = dockerfile.getInstructions().find((i) => i.getKeyword() === 'RUN')!;
  return runCommands(run, SourceText.of(text), dockerfile.getEscapeCharacter())?.map((c) => c.words.map((w) => [w.value, w.start, w.end]));
}

describe('shell words of a RUN (dockerfile/shell.ts)', () => {
  it('ends a word at every operator, with or without spaces around it', () => {
    assert.deepEqual(commandsOf('RUN a|b&&c;d&e||f'), [[['a', 4, 5]], [['b', 6, 7]], [['c', 9, 10]], [['d', 11, 12]], [['e', 13, 14]], [['f', 16, 17]]]);
  });

  it('joins a word continued on the next line, with either escape character', () => {
    assert.deepEqual(commandsOf('RUN apt-get ins\\\ntall x'), [
      [
        ['apt-get', 4, 11],
        ['install', 12, 21],
        ['x', 22, 23],
      ],
    ]);
    assert.deepEqual(commandsOf('# escape=`\nRUN ab`\ncd x'), [
      [
        ['abcd', 15, 21],
        ['x', 22, 23],
      ],
    ]);
  });

  it('reads quotes and backslash escapes inside a word', () => {
    assert.deepEqual(commandsOf(`RUN echo a"b c"'d'\\ e#f`), [
      [
        ['echo', 4, 8],
        ['ab cd e#f', 9, 23],
      ],
    ]);
  });
});
