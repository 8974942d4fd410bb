import type { Fix, Position, Range, TextEdit } from './types';

/** Line-aware view of a text, for turning positions into offsets and back. */
export class SourceText {
  readonly lineStarts: number[] = [0];
  readonly eol: '\n' | '\r\n';

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    const firstLf = text.indexOf('\n');
    this.eol = firstLf > 0 && text[firstLf - 1] === '\r' ? '\r\n' : '\n';
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
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length + 1;
    let end = next - 1;
    if (line + 1 < this.lineStarts.length && end > 0 && this.text[end - 1] === '\r') end--;
    return Math.min(end, this.text.length);
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

/**
 * Applies fixes to a text. A fix whose edits overlap an already accepted fix is skipped (reported back),
 * so callers can lint again and apply the rest in another pass, as ruff does.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const src = new SourceText(text);
  const taken: Array<[number, number]> = [];
  const accepted: Array<{ start: number; end: number; newText: string }> = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.map((e) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), newText: e.newText }));
    const clashes = spans.some((s) => taken.some(([a, b]) => s.start < b && a < s.end || (s.start === s.end && s.start === a && a === b)));
    if (clashes) {
      skipped.push(fix);
      continue;
    }
    for (const s of spans) {
      taken.push([s.start, s.end]);
      accepted.push(s);
    }
    applied.push(fix);
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of accepted) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return { text: out, applied, skipped };
}
