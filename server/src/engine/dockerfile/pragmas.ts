import type { Instruction } from 'dockerfile-ast';
import { codesForPragmaWord, PRAGMA_TOOLS } from '../pragmaCodes';
import type { RuleMeta } from '../types';
import type { DockerfileContext } from './context';

/**
 * Comment pragmas, in hadolint's spirit:
 *   # container-standards ignore=IMG001,USR001     on the line(s) before an instruction
 *   # container-standards ignore-file=IMG003       anywhere before the first instruction
 *   # hadolint ignore=DL3006 / # hadolint global ignore=DL3006   for the hadolint rules that mean the same
 */
export interface Pragmas {
  /** Codes (ours, upper-case) and names ignored for the whole file; `*` for all. */
  file: Set<string>;
  /** Instruction start line → codes ignored on that instruction (in document order). */
  byInstruction: Map<number, { instruction: Instruction; codes: Set<string> }>;
}

/**
 * The one of `items` (instructions, in document order, so their lines do not overlap) whose lines hold
 * `line`; a binary search, so asking once per finding stays linear in the file (a scan of every pragma
 * per finding took 13.7 s for 10,000 stages that each had one).
 */
export function holding<T>(items: readonly T[], line: number, instructionOf: (item: T) => Instruction): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (instructionOf(items[mid]).getRange().start.line <= line) lo = mid;
    else hi = mid - 1;
  }
  const item = items[lo];
  if (item === undefined) return undefined;
  const r = instructionOf(item).getRange();
  return r.start.line <= line && line <= r.end.line ? item : undefined;
}

const OURS = /^container-standards\s+(ignore|ignore-file)\s*=\s*(.*)$/i;
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/i;

/** Words of a pragma's list, e.g. `IMG001, missing-user` → [`IMG001`, `MISSING-USER`]. */
function words(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean);
}

export function readPragmas(ctx: DockerfileContext, rules: ReadonlyArray<{ meta: RuleMeta }>): Pragmas {
  // hadolint's codes count where one of our rules names them as an equivalent; our own words stay as written.
  const translate = (codes: string[]) => codes.flatMap((c) => codesForPragmaWord(c, rules, PRAGMA_TOOLS.dockerfile, false));

  const pragmas: Pragmas = { file: new Set(), byInstruction: new Map() };
  const instructions = ctx.model.dockerfile.getInstructions();
  const firstLine = instructions.length ? instructions[0].getRange().start.line : Infinity;
  const commentLines = new Map<number, string>();
  for (const comment of ctx.model.dockerfile.getComments()) commentLines.set(comment.getRange().start.line, comment.getContent().trim());
  // dockerfile-ast reads any `# word ... = value` at the top as a parser directive; Docker only takes
  // `# name=value` with a plain name, so our pragmas there are still comments.
  for (const directive of ctx.model.dockerfile.getDirectives()) {
    const line = directive.getRange().start.line;
    commentLines.set(line, ctx.source.lineText(line).trim().replace(/^#\s*/, ''));
  }

  for (const [line, content] of commentLines) {
    const ours = OURS.exec(content);
    const theirs = HADOLINT.exec(content);
    const isFileWide = (ours && ours[1].toLowerCase() === 'ignore-file') || (theirs && theirs[1]);
    if (isFileWide) {
      const list = ours ? words(ours[2]) : translate(words(theirs![2]));
      if (ours && list.length === 0) pragmas.file.add('*');
      if (ours ? line < firstLine : true) list.forEach((c) => pragmas.file.add(c));
    }
  }
  // A line pragma sits in the run of comment lines right above its instruction.
  for (const instruction of instructions) {
    const start = instruction.getRange().start.line;
    const codes = new Set<string>();
    for (let line = start - 1; commentLines.has(line); line--) {
      const content = commentLines.get(line)!;
      const ours = OURS.exec(content);
      const theirs = HADOLINT.exec(content);
      if (ours && ours[1].toLowerCase() === 'ignore') words(ours[2]).forEach((c) => codes.add(c));
      else if (theirs && !theirs[1]) translate(words(theirs[2])).forEach((c) => codes.add(c));
    }
    if (codes.size) pragmas.byInstruction.set(start, { instruction, codes });
  }
  return pragmas;
}
