import type { Fix, Position, Range, TextEdit } from './types';

/**
 * Line-aware view of a text, for turning positions into offsets and back. Lines end at `\r\n`, `\n` or a
 * lone `\r`, as in LSP, VS Code, dockerfile-ast and CPython, so every layer agrees on line numbers.
 */
export class SourceText {
  readonly lineStarts: number[] = [0];
  /** The first line break's style, used for inserted lines. */
  readonly eol: '\n' | '\r\n' | '\r' = '\n';

  constructor(readonly text: string) {
    let eol: SourceText['eol'] | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.lineStarts.push(i + 1);
        eol ??= '\n';
      } else if (c === 13) {
        const crlf = text.charCodeAt(i + 1) === 10;
        if (crlf) i++;
        this.lineStarts.push(i + 1);
        eol ??= crlf ? '\r\n' : '\r';
      }
    }
    if (eol) this.eol = eol;
  }

  /**
   * The line index of `text`, shared with the last caller that asked for the same text: the CLI's
   * report reads the lines the engine indexed for its check (80,000 lines at 40,000 stages). Only the
   * last one is kept, strongly: a WeakRef keeps its target until the current job ends, and a CLI run
   * never yields to the event loop, so every file's index stayed alive (4x Python corpus: 239 MiB RSS).
   */
  static of(text: string): SourceText {
    if (lastSource?.text === text) return lastSource;
    return (lastSource = new SourceText(text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(pos: Position): number {
    const line = Math.min(Math.max(pos.line, 0), this.lineStarts.length - 1);
    const start = this.lineStarts[line];
    return Math.min(start + pos.character, this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (this.text[end] === '\n' && end > this.lineStarts[line] && this.text[end - 1] === '\r') end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Leading spaces and tabs of a line, so inserted lines can match it. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
}

let lastSource: SourceText | undefined;

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `p` lies in `r`, both ends included (a cursor at the end of a word is still on it). */
export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

export function replace(r: Range, newText: string): TextEdit {
  return { range: r, newText };
}

export function insert(at: Position, newText: string): TextEdit {
  return { range: { start: at, end: at }, newText };
}

/** An edit as offsets into the text it applies to. */
export interface Span {
  start: number;
  end: number;
  newText: string;
}

/**
 * Chooses which fixes can be applied together: a fix whose edits overlap an already accepted fix is
 * skipped (reported back), so callers can lint again and apply the rest in another pass, as ruff does.
 * The accepted spans come back in document order.
 */
export function planFixes(text: string, fixes: Fix[]): { spans: Span[]; applied: Fix[]; skipped: Fix[] } {
  const src = new SourceText(text);
  const spans: Span[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const own = fix.edits.map((e) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), newText: e.newText }));
    // Within one fix, edits may insert at one offset: they apply in the order the fix lists them.
    if (own.some((s) => spans.some((t) => overlaps(s, t))) || own.some((s, i) => own.some((t, j) => i !== j && s.start < t.end && t.start < s.end))) {
      skipped.push(fix);
      continue;
    }
    spans.push(...own);
    applied.push(fix);
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { spans, applied, skipped };
}

/** Two spans clash when they share characters, or both insert at one offset (their order would be a guess). */
function overlaps(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
}

/** Applies non-overlapping spans, given in document order; nothing outside them changes. */
export function spliceText(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Where an offset outside every span lands once the spans (in document order) are applied. An insertion
 * at the offset itself goes before a `start` and after an `end`.
 */
export function mapOffset(offset: number, spans: Span[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const s of spans) {
    const before = s.end < offset || (s.end === offset && (s.start < offset || side === 'start'));
    if (!before) break;
    delta += s.newText.length - (s.end - s.start);
  }
  return offset + delta;
}

/** Applies fixes to a text, skipping those that overlap an earlier one (see `planFixes`). */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const { spans, applied, skipped } = planFixes(text, fixes);
  return { text: spliceText(text, spans), applied, skipped };
}
