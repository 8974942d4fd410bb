import { DockerfileParser, Keyword, type Comment, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Util } from 'dockerfile-ast/lib/util';
import type { Position, Range } from '../types';
import { indexVariables } from './variables';
// Patches dockerfile-ast's argument reader before any instruction is read.
import { forgetLastArguments } from './arguments';

/**
 * dockerfile-ast 0.7.1's parser builds every instruction with arguments twice: once to look for
 * heredocs, once to keep (issue 12 measured it at a quarter of the parse). Carried here as a patch until
 * upstream has it: the second build, with the same offsets, reuses the first; an instruction with a
 * heredoc ends later, so it is still built again. The parse result is the same objects.
 * The ranges are built as the library's `createInstruction` builds them, without `Range.create`'s checks of
 * its arguments (positions from `positionAt` always pass them; the checks were 6% of a 40,000-stage check).
 * (Caching `getRawArguments` per instruction was measured too: no gain in a whole run, 37 MiB more RSS.)
 */
type Build = (dockerfile: Dockerfile, keyword: string, start: number, keywordEnd: number, end: number) => Instruction;
type Factory = (document: unknown, dockerfile: Dockerfile, escapeChar: string, lineRange: Range, keyword: string, keywordRange: Range) => Instruction;
/** The last instruction a parser built, by the offsets it was built for. */
interface Built {
  keyword: string;
  start: number;
  keywordEnd: number;
  end: number;
  instruction: Instruction;
}
interface ParserInternals {
  createInstruction: Build;
  document: { positionAt(offset: number): Position };
  escapeChar: string;
  // Kept on the parser, which lives for one parse.
  lastBuilt?: Built;
}

const parserProto = Parser.prototype as unknown as ParserInternals;
const KEYWORDS = new Map<string, string>(Object.values(Keyword).map((k) => [k, k]));
parserProto.createInstruction = function (this: ParserInternals, dockerfile, keyword, start, keywordEnd, end) {
  // The library spells each keyword afresh, a character at a time: one shared string per keyword instead.
  keyword = KEYWORDS.get(keyword) ?? keyword;
  const last = this.lastBuilt;
  if (last && last.start === start && last.keywordEnd === keywordEnd && last.end === end && last.keyword === keyword) return last.instruction;
  const startPosition = this.document.positionAt(start);
  const keywordRange = { start: startPosition, end: this.document.positionAt(keywordEnd) };
  const lineRange = { start: startPosition, end: this.document.positionAt(end) };
  // The static factory, looked up at each call as the library does (a test counts builds through it).
  const instruction = (Parser as unknown as { createInstruction: Factory }).createInstruction(
    this.document,
    dockerfile,
    this.escapeChar,
    lineRange,
    keyword,
    keywordRange,
  );
  if (!last) this.lastBuilt = { keyword, start, keywordEnd, end, instruction };
  else {
    last.keyword = keyword;
    last.start = start;
    last.keywordEnd = keywordEnd;
    last.end = end;
    last.instruction = instruction;
  }
  return instruction;
};

/**
 * dockerfile-ast 0.7.1 gives each build stage a list grown by push, which keeps room for 16 more: 8 MB of
 * empty slots at 40,000 stages. A stage's list is copied at its size when the next FROM closes it.
 */
interface Template {
  instructions: Instruction[];
}
const dockerfileProto = DockerfileClass.prototype as unknown as {
  currentBuildStage?: Template;
  addInstruction(this: unknown, instruction: Instruction): void;
};
const libraryAddInstruction = dockerfileProto.addInstruction;
dockerfileProto.addInstruction = function (this: typeof dockerfileProto, instruction) {
  const open = this.currentBuildStage;
  libraryAddInstruction.call(this, instruction);
  if (open && this.currentBuildStage !== open) open.instructions = open.instructions.slice();
};

/**
 * dockerfile-ast 0.7.1 files each comment under its build stage by testing it against every stage's
 * range, which it recomputes each time: comments × stages (10,000 stages with a pragma each took 9 s).
 * Same placement here in one sweep: comments and stages are both in document order, so a stage that
 * ends before a comment starts ends before every later comment too.
 */
interface StageInternals {
  getRange(): Range;
  addComment(comment: Comment): void;
}
interface DockerfileInternals {
  initialInstructions: StageInternals;
  buildStages: StageInternals[];
  getComments(): Comment[];
}
(DockerfileClass.prototype as unknown as { organizeComments(this: DockerfileInternals): void }).organizeComments = function () {
  const initial = this.initialInstructions.getRange();
  const ranges = this.buildStages.map((stage) => stage.getRange());
  let first = 0;
  for (const comment of this.getComments()) {
    const range = comment.getRange();
    if (Util.isInsideRange(range.end, initial)) {
      this.initialInstructions.addComment(comment);
      continue;
    }
    while (first < ranges.length && before(ranges[first].end, range.start)) first++;
    for (let k = first; k < ranges.length && !before(range.start, ranges[k].start); k++) {
      if (Util.isInsideRange(range.start, ranges[k])) this.buildStages[k].addComment(comment);
    }
  }
};

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Parses a Dockerfile with dockerfile-ast (patched as above). */
export function parseDockerfile(text: string): Dockerfile {
  const dockerfile = DockerfileParser.parse(text);
  indexVariables(dockerfile);
  forgetLastArguments();
  return dockerfile;
}
