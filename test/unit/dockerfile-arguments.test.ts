import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Argument, Instruction } from 'dockerfile-ast';
import { builtinProfile } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/engine/dockerfile/parse';
// After the engine: dockerfile-ast's modules must load from its main module first (they import each other).
import { Instruction as InstructionClass } from 'dockerfile-ast/lib/instruction';
import { dockerfileArbitrary } from './properties/dockerfiles';
import { framing, joinLines } from './properties/framing';

/**
 * dockerfile-ast's own argument reader, taken from its source file: arguments.ts patches the method on
 * the prototype, so the library's code is read back from a fresh copy of the module.
 */
function libraryArguments(instruction: Instruction): Argument[] {
  const fresh = freshInstructionClass();
  return (fresh.prototype as unknown as { getRawArguments(this: Instruction): Argument[] }).getRawArguments.call(instruction);
}

let freshClass: typeof InstructionClass | undefined;
function freshInstructionClass(): typeof InstructionClass {
  if (!freshClass) {
    const path = require.resolve('dockerfile-ast/lib/instruction');
    const cached = require.cache[path];
    delete require.cache[path];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      freshClass = (require(path) as { Instruction: typeof InstructionClass }).Instruction;
    } finally {
      require.cache[path] = cached;
    }
  }
  return freshClass;
}

function shape(args: Argument[]): Array<{ value: string; range: unknown }> {
  return args.map((a) => ({ value: a.getValue(), range: a.getRange() }));
}

function assertSameArguments(text: string): void {
  for (const instruction of parseDockerfile(text).getInstructions()) {
    const ours = shape((instruction as unknown as { getRawArguments(): Argument[] }).getRawArguments());
    assert.deepEqual(ours, shape(libraryArguments(instruction)), `${JSON.stringify(text)}: ${instruction.getKeyword()}`);
  }
}

// The characters that steer dockerfile-ast's reader: whitespace of every kind, both escape characters,
// comments, variables, quotes, JSON brackets, heredoc markers and text outside ASCII.
const piece = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\\',
  '\\ ',
  '`',
  '#',
  '$',
  '${A}',
  '"',
  "'",
  '[',
  ']',
  ',',
  '<<EOF',
  '\\$',
  '`$',
  '\\\t',
  '\\"',
  '--platform=x',
  'AS',
  'a',
  'bc',
  '🐳',
  'é',
);
const word = fc.array(piece, { minLength: 0, maxLength: 8 }).map((p) => p.join(''));
const keyword = fc.constantFrom(
  'FROM',
  'USER',
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'WORKDIR',
  'ONBUILD',
  'HEALTHCHECK',
  'EXPOSE',
  'from',
);
// Continued instructions: an escape character (either one, whatever the directive says), maybe spaces or
// tabs after it, a line end, then a line of arguments, a comment line (with escapes of its own) or a blank one.
const escape = fc.constantFrom('\\', '`');
const eol = fc.constantFrom('\n', '\r\n', '\r');
const indent = fc.constantFrom('', ' ', '  ', '\t');
const continued = fc.tuple(
  escape,
  fc.constantFrom('', ' ', '\t', ' \t '),
  eol,
  fc.oneof(
    fc.tuple(indent, word).map(([i, w]) => i + w),
    fc.tuple(indent, word).map(([i, w]) => `${i}#${w}`),
    fc.constantFrom('', ' ', '\t '),
  ),
);
const continuedInstruction = fc
  .tuple(keyword, fc.constantFrom(' ', '\t', ''), word, fc.array(continued, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '\\', '`', '\\ '))
  .map(([k, sep, w, rest, end]) => k + sep + w + rest.map((parts) => parts.join('')).join('') + end);
const line = fc.oneof(
  fc.tuple(keyword, word).map(([k, w]) => `${k}${w}`),
  word,
  fc.constantFrom('EOF', '# escape=`', '# escape=\\', ''),
);

describe('dockerfile-ast argument reader (patched in engine/dockerfile/arguments.ts)', () => {
  it('gives the library its own answers on the generator’s Dockerfiles', () => {
    const profiles = [builtinProfile('gen3')!, builtinProfile('defra')!];
    fc.assert(
      fc.property(dockerfileArbitrary(profiles, { allowOpenHeredoc: true }), framing(true), ({ lines }, f) => assertSameArguments(joinLines(lines, f))),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('gives the library its own answers on lines of whitespace, escapes, comments and heredocs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 8 }), (rows) => assertSameArguments(rows.map(([l, e]) => l + e).join(''))),
      { seed: 20261128, numRuns: 2000 },
    );
  });

  it('gives the library its own answers on continued instructions, with comment lines, blank lines and escapes', () => {
    const directive = fc.constantFrom('', '# escape=`', '# escape=\\');
    const rows = fc.array(fc.oneof({ arbitrary: continuedInstruction, weight: 3 }, { arbitrary: line, weight: 1 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(directive, rows, eol, fc.boolean(), (d, r, e, endsWithEol) => {
        const text = [...(d ? [d] : []), ...r].join(e);
        assertSameArguments(endsWithEol ? text + e : text);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });

  it('reads a plain line itself, with the library’s values and ranges', () => {
    const text = 'FROM  python:3.13\tAS build \nUSER root\n';
    const [from, user] = parseDockerfile(text).getInstructions();
    assert.deepEqual(shape((from as unknown as { getRawArguments(): Argument[] }).getRawArguments()), [
      { value: 'python:3.13', range: { start: { line: 0, character: 6 }, end: { line: 0, character: 17 } } },
      { value: 'AS', range: { start: { line: 0, character: 18 }, end: { line: 0, character: 20 } } },
      { value: 'build', range: { start: { line: 0, character: 21 }, end: { line: 0, character: 26 } } },
    ]);
    assert.deepEqual(shape(user.getArguments()), [{ value: 'root', range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } } }]);
    // The patched method is the one instructions use.
    const method = (c: typeof InstructionClass) => (c.prototype as unknown as { getRawArguments: unknown }).getRawArguments;
    assert.notEqual(method(InstructionClass), method(freshInstructionClass()));
  });
});
