import { Argument } from 'dockerfile-ast';
import { Instruction as InstructionClass } from 'dockerfile-ast/lib/instruction';
import type { Position, Range } from '../types';

/**
 * dockerfile-ast 0.7.1 reads an instruction's arguments one character at a time, growing each value a
 * character at a time (a new string per character) and finding both ends of each argument by binary
 * search over the lines. Its RUN, COPY, ADD, CMD and ENTRYPOINT read their arguments three times while
 * they are built, and the rules read them again: on 2,000 ordinary Dockerfiles that reader was a sixth of
 * a warm check, and the garbage it left a good part of the rest. Carried here as a patch until upstream
 * has a faster reader: the same reading, step for step (continuation lines, comment lines inside them,
 * escapes, heredoc bodies), but each value is cut from the text in runs, and on a one-line instruction
 * each position is counted from the keyword instead of searched for.
 * The property test in dockerfile-arguments compares both on generated Dockerfiles.
 */
interface Internals {
  document: { getText(): string; offsetAt(position: Position): number; positionAt(offset: number): Position };
  escapeChar: string;
  getRange(): Range;
  getInstructionRange(): Range;
}

const proto = InstructionClass.prototype as unknown as { getRawArguments(this: Internals): Argument[] };
const libraryRead = proto.getRawArguments;

/**
 * The last instruction read, and what was read. While dockerfile-ast builds a RUN, COPY, ADD, CMD or
 * ENTRYPOINT it reads the arguments five times in a row (its constructor four times, the heredoc check
 * once); they are read once. An instruction's text, ranges and escape character never change, so its
 * arguments do not either. Callers get their own array (the library shifts flags off it) of the same
 * arguments. `forgetLastArguments` drops the entry when a parse ends, so no document is kept alive by it.
 */
let lastInstruction: Internals | undefined;
let lastArguments: Argument[] = [];

export function forgetLastArguments(): void {
  lastInstruction = undefined;
  lastArguments = [];
}

proto.getRawArguments = function (this: Internals): Argument[] {
  return readOnce(this);
};

function readOnce(instruction: Internals): Argument[] {
  if (lastInstruction === instruction) return lastArguments.slice();
  const document = instruction.document;
  const line = instruction.getRange();
  const keyword = instruction.getInstructionRange();
  const start = document.offsetAt(line.start);
  const from = document.offsetAt(keyword.end);
  // The library cuts the arguments as `substring`s of the line; ranges out of order (never built by the
  // parser) would make those swap their ends: leave them to it.
  if (from < start || document.offsetAt(line.end) < start) return libraryRead.call(instruction);
  lastArguments = new Reader(instruction, from, keyword.end).read();
  lastInstruction = instruction;
  return lastArguments.slice();
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DOLLAR = 36;

/** One reading of one instruction's arguments: the library's loop over the text after the keyword. */
class Reader {
  private readonly text: string;
  private readonly document: Internals['document'];
  /** Characters after the keyword (the library's `fullArgs`), and the escape character's code (-1: none). */
  private readonly length: number;
  private readonly escape: number;
  /** On a one-line instruction, the line and the column of offset 0; otherwise the document says. */
  private readonly oneLine: boolean;
  private readonly row: number;
  private readonly column: number;
  private readonly args: Argument[] = [];
  /** Where the argument being read starts (-1: none), relative to `from`. */
  private found = -1;
  /** Its value so far: `value`, then the run text[runStart, runEnd) not yet appended (runEnd -1: none). */
  private value = '';
  private runStart = 0;
  private runEnd = -1;

  constructor(
    instruction: Internals,
    private readonly from: number,
    keywordEnd: Position,
  ) {
    this.document = instruction.document;
    this.text = this.document.getText();
    this.length = Math.max(0, this.document.offsetAt(instruction.getRange().end) - from);
    const escape = instruction.escapeChar;
    this.escape = typeof escape === 'string' && escape.length === 1 ? escape.charCodeAt(0) : -1;
    this.oneLine = keywordEnd.line === instruction.getRange().end.line;
    this.row = keywordEnd.line;
    this.column = keywordEnd.character - from;
  }

  private at(i: number): number {
    return i < this.length ? this.text.charCodeAt(this.from + i) : -1;
  }

  /** Adds the character at i (relative) to the value: extends the current run when it is the next one. */
  private append(i: number): void {
    const offset = this.from + i;
    if (this.runEnd === offset) {
      this.runEnd++;
      return;
    }
    if (this.runEnd !== -1) this.value += this.text.slice(this.runStart, this.runEnd);
    this.runStart = offset;
    this.runEnd = offset + 1;
  }

  private position(i: number): Position {
    const offset = this.from + i;
    // One line: no line break before `offset`, so the library's search would find the keyword's line.
    return this.oneLine ? { line: this.row, character: this.column + offset } : this.document.positionAt(offset);
  }

  /** Ends the argument being read at i (relative), as the library's `args.push(new Argument(…))` does. */
  private push(end: number): void {
    const value = this.runEnd === -1 ? this.value : this.value + this.text.slice(this.runStart, this.runEnd);
    this.args.push(new Argument(value, { start: this.position(this.found), end: this.position(end) }));
    this.value = '';
    this.runEnd = -1;
    this.found = -1;
  }

  // The library's loop, statement for statement (its names kept); only how values and positions are made differs.
  read(): Argument[] {
    const n = this.length;
    let start = false;
    let comment = false;
    // Whether a space or tab after an escaped newline was seen, and whether an escaped newline is being read.
    let escapedWhitespaceDetected = false;
    let escaping = false;
    let escapeMarker = -1;
    for (let i = 0; i < n; i++) {
      const char = this.at(i);
      if (char === SPACE || char === TAB || char === CR || char === LF) {
        if (escaping) {
          escapedWhitespaceDetected = true;
          if (char === CR || char === LF) {
            escapedWhitespaceDetected = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        } else if (this.found !== -1) {
          this.push(escapeMarker === -1 ? i : escapeMarker);
          escapeMarker = -1;
        }
      } else if (char === this.escape) {
        const next = this.at(i + 1);
        if (next === SPACE || next === TAB) {
          whitespaceCheck: for (let j = i + 2; j < n; j++) {
            switch (this.at(j)) {
              case SPACE:
              case TAB:
                continue;
              case CR:
              case LF:
                // The library skips one more character after a carriage return (taken as \r\n).
                if (this.at(j) === CR) j++;
                comment = false;
                escaping = true;
                start = true;
                if (this.found !== -1) escapeMarker = i;
                i = j;
                break whitespaceCheck;
              default:
                escapeMarker = i;
                if (this.found === -1) i = j - 1;
                break whitespaceCheck;
            }
          }
        } else if (next === CR || next === LF) {
          comment = false;
          escaping = true;
          start = true;
          if (this.found !== -1 && escapeMarker === -1) escapeMarker = i;
          i += next === CR ? 2 : 1;
        } else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) this.push(escapeMarker);
          escapeMarker = -1;
          escapedWhitespaceDetected = false;
          escaping = false;
          // The end of the text: the library stops reading.
          if (next === -1) break;
          if (next === DOLLAR) this.append(i);
          this.append(i + 1);
          if (this.found === -1) this.found = i;
          i++;
        }
      } else if (!comment) {
        if (start && char === HASH) comment = true;
        else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) this.push(escapeMarker);
          escapedWhitespaceDetected = false;
          escaping = false;
          escapeMarker = -1;
          this.append(i);
          if (this.found === -1) this.found = i;
        }
        start = false;
      }
    }
    if (this.found !== -1) this.push(escapeMarker === -1 ? n : escapeMarker);
    return this.args;
  }
}
