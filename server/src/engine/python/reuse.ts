import type { Catalog } from '../profile/catalog';
import type { Profile } from '../profile/schema';
import type { SourceText } from '../text';
import type { Finding, Position, TextEdit } from '../types';
import { editBetween, type Edit, type Node, type ParseMemo } from './parser';
import type { FilePragmas } from './pragmas';
import type { ModuleBinding } from './symbols';

/**
 * Re-checking only what an edit can change. The editor checks a document again after every edit; most
 * edits change one module-level statement, and the rules' findings in the other statements depend on
 * that statement only through what the module binds (imports, assignments, definitions), which file
 * the rules apply to (the imports), and file-wide pragmas. When the edited statements bind the same
 * names to the same things, in the same order, as before, the findings of every other statement are
 * the last check's, moved by the lines the edit added or removed; only the edited statements are read
 * and checked again. Anything this cannot tell safely (a tree with syntax errors, a file-wide pragma
 * in the edit, other options, other imports) gets a full check.
 */

/** What the last check of a document leaves for the next: its text, statements, module bindings and findings. */
export interface ReuseState {
  text: string;
  lineCount: number;
  eol: string;
  /** The settings the findings were made under: other settings, other findings. */
  key: string;
  profile: Profile;
  catalog: Catalog;
  /** The module-level statements' offsets, and whether each has a syntax error. */
  spans: Span[];
  bindings: readonly ModuleBinding[];
  findings: ReadonlyArray<{ finding: Finding; suppression: TextEdit }>;
  filePragmas: FilePragmas;
  /** The line a new import goes on, when a rule asked. */
  importLine?: number;
}

type Span = [start: number, end: number, broken: boolean];

const states = new WeakMap<ParseMemo, ReuseState>();

/** How many checks carried findings over (for tests: a reuse that never happens proves nothing). */
export const reuseStats = { partial: 0, full: 0 };

/** The part of a document to check again, and what the rest carries over from the last check. */
export interface ReusePlan {
  /** The module-level statements to read again, and their offsets in the new text (whole lines). */
  statements: Node[];
  start: number;
  end: number;
  /** The other statements' module-level bindings, before and after the edited ones (offsets in the new text). */
  before: ModuleBinding[];
  after: ModuleBinding[];
  /** The edited statements' module-level bindings in the last check: the new ones must match them. */
  replaced: ModuleBinding[];
  /** The other statements' findings, moved to the new lines, with their "disable for this line" edits. */
  carried: Finding[];
  suppressions: Map<Finding, TextEdit>;
  filePragmas: FilePragmas;
  importLine?: number;
  spans: Span[];
}

/** Settings that change findings beyond the profile: per-rule severities and switches. */
export function reuseKey(rules: Record<string, string> | undefined, gate: string): string {
  return `${JSON.stringify(rules ?? {})}|${gate}`;
}

/** The statements' offsets, as `plan` and the next check compare them. */
export function spansOf(root: Node): Span[] {
  const spans: Span[] = [];
  for (const child of root.children) if (child) spans.push([child.startIndex, child.endIndex, child.hasError]);
  return spans;
}

/**
 * What to check again after the edit from the last checked text to `source`, or `undefined` for a full
 * check. `root` is the new tree's.
 */
export function plan(
  memo: ParseMemo | undefined,
  source: SourceText,
  root: Node,
  settings: { key: string; profile: Profile; catalog: Catalog },
): ReusePlan | undefined {
  const last = memo && states.get(memo);
  if (!last || last.key !== settings.key || last.profile !== settings.profile || last.catalog !== settings.catalog) return undefined;
  const text = source.text;
  if (source.eol !== last.eol) return undefined;
  const edit = editBetween(last.text, text);
  if (!edit) return undefined;
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const spans = spansOf(root);
  // The old statements in new offsets; those the edit touched span the whole edit.
  const old = last.spans.map(([s, e, broken]): Span =>
    e < edit.startIndex
      ? [s, e, broken]
      : s > edit.oldEndIndex
        ? [s + delta, e + delta, broken]
        : [Math.min(s, edit.startIndex), Math.max(e + delta, edit.newEndIndex), broken],
  );
  const [lo, hi] = editedRegion(source, last.text, edit, old, spans);
  const inside = ([s, e]: Span) => s >= lo && e <= hi;
  // Outside, the statements are the same text at the same places, and, without a syntax error (where
  // the parser's recovery may read a statement otherwise), they parse the same.
  const a = old.filter((span) => !inside(span));
  const b = spans.filter((span) => !inside(span));
  if (a.length !== b.length || a.some(([s, e, broken], i) => broken || b[i][2] || s !== b[i][0] || e !== b[i][1])) return undefined;
  // A file-wide pragma written or removed in the edit changes every finding.
  const oldHi = hi - delta;
  if (FILE_PRAGMA.test(text.slice(lo, hi)) || FILE_PRAGMA.test(last.text.slice(lo, oldHi))) return undefined;
  const statements = root.children.filter((c): c is Node => !!c && c.startIndex >= lo && c.endIndex <= hi);
  const lineDelta = source.lineCount - last.lineCount;
  const firstLine = source.positionAt(lo).line;
  // The first old line after the edited ones (none when they run to the end).
  const afterLine = hi >= text.length ? Infinity : source.positionAt(hi).line - lineDelta;
  const move = (p: Position): Position | undefined =>
    p.line < firstLine ? p : p.line >= afterLine ? { line: p.line + lineDelta, character: p.character } : undefined;
  let importLineNow: number | undefined;
  if (last.importLine !== undefined) {
    const moved = move({ line: last.importLine, character: 0 });
    importLineNow = moved?.line;
    if (importLineNow === undefined) return undefined;
  }
  const carried = carry(last.findings, firstLine, afterLine, move);
  if (!carried) return undefined;
  const ours = last.filePragmas.ours;
  const oursLine = ours && move({ line: ours.line, character: 0 });
  if (ours && !oursLine) return undefined;
  const shift = (b: ModuleBinding): ModuleBinding => ({ ...b, at: b.at + delta });
  return {
    statements,
    start: lo,
    end: hi,
    before: last.bindings.filter((b) => b.at < lo),
    after: last.bindings.filter((b) => b.at >= oldHi).map(shift),
    replaced: last.bindings.filter((b) => b.at >= lo && b.at < oldHi),
    carried: carried.findings,
    suppressions: carried.suppressions,
    filePragmas: ours ? { codes: last.filePragmas.codes, ours: { line: oursLine!.line, text: ours.text } } : last.filePragmas,
    importLine: importLineNow,
    spans,
  };
}

/**
 * `[lo, hi)`, grown from the edit until it is whole lines in both texts and every statement, old (in new
 * offsets) or new, is inside or outside it.
 */
function editedRegion(source: SourceText, oldText: string, edit: Edit, old: readonly Span[], spans: readonly Span[]): [number, number] {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  let lo = edit.startIndex;
  let hi = edit.newEndIndex;
  for (let changed = true; changed;) {
    changed = false;
    for (const [s, e] of [...old, ...spans]) {
      // Partly inside: take all of it.
      if (s < hi && e > lo && (s < lo || e > hi)) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, e);
        changed = true;
      }
    }
    const lineStart = lineStartAtOrBefore(source, lo, oldText);
    const lineEnd = lineStartAtOrAfter(source, hi, oldText, delta);
    if (lineStart !== lo || lineEnd !== hi) {
      lo = lineStart;
      hi = lineEnd;
      changed = true;
    }
  }
  return [lo, hi];
}

/** The last check's findings outside the edited lines, moved to their new lines; `undefined` when one cannot move (a fix edit in the edited lines). */
function carry(
  findings: ReuseState['findings'],
  firstLine: number,
  afterLine: number,
  move: (p: Position) => Position | undefined,
): { findings: Finding[]; suppressions: Map<Finding, TextEdit> } | undefined {
  const moveEdit = (e: TextEdit): TextEdit | undefined => {
    const start = move(e.range.start);
    const end = move(e.range.end);
    return start && end ? { range: { start, end }, newText: e.newText } : undefined;
  };
  const carried: Finding[] = [];
  const suppressions = new Map<Finding, TextEdit>();
  for (const { finding, suppression } of findings) {
    if (finding.range.start.line >= firstLine && finding.range.start.line < afterLine) continue; // checked again
    const start = move(finding.range.start);
    const end = move(finding.range.end);
    const edit = moveEdit(suppression);
    if (!start || !end || !edit) return undefined;
    const fixes = [];
    for (const fix of finding.fixes) {
      const edits = [];
      for (const e of fix.edits) {
        const moved = moveEdit(e);
        if (!moved) return undefined;
        edits.push(moved);
      }
      fixes.push({ ...fix, edits });
    }
    const moved: Finding = { ...finding, range: { start, end }, fixes };
    carried.push(moved);
    suppressions.set(moved, edit);
  }
  return { findings: carried, suppressions };
}

/** Whether the edited statements bind what they bound before, in the same order (then no other statement's findings can change). */
export function sameBindings(a: readonly ModuleBinding[], b: readonly ModuleBinding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return x.name === y.name && x.wildcard === y.wildcard && x.fallback === y.fallback && JSON.stringify(x.binding) === JSON.stringify(y.binding);
  });
}

/** Keeps this check's result for the next check of the same document. */
export function remember(memo: ParseMemo, state: ReuseState): void {
  states.set(memo, state);
}

/** Forgets a document's last check (after one that failed). */
export function forget(memo: ParseMemo): void {
  states.delete(memo);
}

// `# container-standards ignore-file=…`, `# ruff: noqa`, `# flake8: noqa` (see pragmas.ts), read loosely.
const FILE_PRAGMA = /ignore-file|ruff|flake8/i;

/** The start of the line `offset` is on, also a line start in the old text (the text before it is the same in both). */
function lineStartAtOrBefore(source: SourceText, offset: number, oldText: string): number {
  let at = source.offsetAt({ line: source.positionAt(offset).line, character: 0 });
  // A line start after a `\r` in one text may be inside a `\r\n` in the other: take the line before.
  while (at > 0 && !isLineStart(oldText, at)) at = source.offsetAt({ line: source.positionAt(at - 1).line, character: 0 });
  return at;
}

/** The start of the line after `offset` (or the end), also a line start in the old text at `offset - delta`. */
function lineStartAtOrAfter(source: SourceText, offset: number, oldText: string, delta: number): number {
  const text = source.text;
  let at = offset;
  for (;;) {
    if (at >= text.length) return text.length;
    if (at > 0 && isLineStart(text, at) && isLineStart(oldText, at - delta)) return at;
    const line = source.positionAt(at).line;
    at = line + 1 < source.lineCount ? source.offsetAt({ line: line + 1, character: 0 }) : text.length;
  }
}

function isLineStart(text: string, at: number): boolean {
  if (at <= 0 || at > text.length) return at === 0;
  const before = text.charCodeAt(at - 1);
  return before === 10 || (before === 13 && text.charCodeAt(at) !== 10);
}
