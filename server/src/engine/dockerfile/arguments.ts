import { Argument } from 'dockerfile-ast';
import { Instruction as InstructionClass } from 'dockerfile-ast/lib/instruction';
import type { Position, Range } from '../types';

/**
 * dockerfile-ast 0.7.1 reads an instruction's arguments one character at a time, growing each value a
 * character at a time and finding each end by binary search over the lines (a sixth of a 40,000-stage
 * check: every FROM and USER is read this way, and rules read RUN, COPY and others again). Carried here
 * as a patch until upstream has a faster reader: on the plain case, arguments on the keyword's line with
 * no escape character among them, the arguments are the runs of characters between spaces and tabs,
 * written as they are. Anything else (continuation lines, heredocs, escapes) runs the library's code.
 * The property test in dockerfile-arguments compares both on generated Dockerfiles.
 */
interface Internals {
  document: { getText(): string; offsetAt(position: Position): number };
  escapeChar: string;
  getRange(): Range;
  getInstructionRange(): Range;
}

const proto = InstructionClass.prototype as unknown as { getRawArguments(this: Internals): Argument[] };
const libraryRead = proto.getRawArguments;

proto.getRawArguments = function (this: Internals): Argument[] {
  const line = this.getRange();
  const keyword = this.getInstructionRange();
  // Arguments on the keyword's line only: no continuation line, no heredoc body.
  if (keyword.end.line !== line.end.line) return libraryRead.call(this);
  const text = this.document.getText();
  const start = this.document.offsetAt(keyword.end);
  const end = this.document.offsetAt(line.end);
  // The escape character is `\` or, after an `# escape=` directive, a backtick.
  if (!this.escapeChar || text.slice(start, end).includes(this.escapeChar)) return libraryRead.call(this);
  const args: Argument[] = [];
  const row = keyword.end.line;
  const column = keyword.end.character - start;
  let found = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    // The library's whitespace: space, tab, carriage return, line feed.
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      if (found !== -1) {
        const range = { start: { line: row, character: column + found }, end: { line: row, character: column + i } };
        args.push(new Argument(text.slice(found, i), range));
        found = -1;
      }
    } else if (found === -1) found = i;
  }
  return args;
};
