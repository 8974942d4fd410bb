import { chosenFix, SourceText, type Applicability, type Finding, type Severity } from '../../engine';
import { plural, Tally, type CheckReport, type FileReport } from '../report';
import type { Paint } from './color';
import { visible, visibleSource } from './escape';

/** Where a rule's page lives, or undefined when the package names no repository. */
export type DocsLink = (code: string) => string | undefined;

/** `[*]` as ruff prints it: `--fix` (safe fixes only) would fix this finding. */
const FIXABLE = '[*]';
const TAB_STOP = 4;
/** How the help line's fix can be applied. */
const FIX_NOTE: Record<Applicability, string> = { safe: '', unsafe: ' (with --fix-unsafe)', suggestion: ' (suggestion: apply it in the editor)' };
/** Longer source lines are cut around the range so one minified line cannot flood the terminal. */
const EXCERPT_WIDTH = 120;

/** One line per finding, `file:line:col: severity CODE [*] message` (1-based), as compilers print them and editors link them. */
export function findingLine(shown: string, f: Finding, paint: Paint, escape: (text: string) => string = visible): string {
  const where = `${escape(shown)}:${f.range.start.line + 1}:${f.range.start.character + 1}:`;
  const fixable = chosenFix(f, 'safe') ? ` ${paint.cyan(FIXABLE)}` : '';
  return `${paint.bold(where)} ${severityWord(f.severity, paint)} ${paint.bold(f.code)}${fixable} ${escape(f.message)}`;
}

/**
 * `f`, remembered for one file: its name, one rule's message, fix title and documentation link repeat
 * on every finding (40,000 stages of one image give 40,000 of each), so each distinct one is worked out once.
 */
function remembered<T>(f: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text)!;
    const value = f(text);
    seen.set(text, value);
    return value;
  };
}

function severityWord(severity: Severity, paint: Paint): string {
  if (severity === 'error') return paint.red(paint.bold('error'));
  if (severity === 'warning') return paint.yellow(paint.bold('warning'));
  return paint.cyan('info');
}

/**
 * ruff's default output: each finding with the source line, a caret under its range, the fix it offers
 * and the rule's page; then counts per rule and the summary. `concise` prints one line per finding.
 */
export function formatText(report: CheckReport, paint: Paint, quiet: boolean, docs: DocsLink = () => undefined, concise = false): string {
  let out = '';
  const writer = new TextReportWriter((s) => (out += s), paint, quiet, docs, concise);
  for (const file of report.files) writer.add(file);
  writer.end(report.fixMode);
  return out;
}

/**
 * The text report written one file at a time, as `formatText` would write it whole: the CLI's check
 * prints each file's findings when it has checked it, and keeps only what the summary counts, so its
 * memory does not grow with the findings of a large tree.
 */
/** Findings written together: enough to keep writes few, few enough that their text dies young. */
const BATCH = 256;

export class TextReportWriter {
  private wrote = false;
  private readonly separator: string;
  /** What the summary needs, added up as files come. */
  readonly tally = new Tally();

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
    private readonly quiet: boolean,
    private readonly docs: DocsLink = () => undefined,
    private readonly concise = false,
  ) {
    this.separator = concise ? '\n' : '\n\n';
  }

  /** Writes one file's findings and counts them for the summary; the report itself is not kept. */
  add(file: FileReport): void {
    const source = file.findings.length && !this.concise ? SourceText.of(file.text) : undefined;
    const escape = remembered(visible);
    const docs = remembered(this.docs);
    // Written a batch at a time: one file's 40,000 findings held every block (12 MB) alive until a single join.
    let batch: string[] = [];
    for (const f of file.findings) {
      batch.push(source ? findingBlock(file, source, f, this.paint, docs, escape) : findingLine(file.shown, f, this.paint, escape));
      if (batch.length === BATCH) {
        this.part(batch.join(this.separator));
        batch = [];
      }
    }
    if (batch.length) this.part(batch.join(this.separator));
    this.tally.add(file);
  }

  /** Writes the counts per rule and the summary of the files added. */
  end(fixMode: CheckReport['fixMode']): void {
    if (!this.quiet) {
      const perRule = this.concise ? [] : ruleCounts(this.tally, this.paint);
      if (perRule.length) this.part(perRule.join('\n'));
      this.part(summaryLines(this.tally, fixMode, this.paint).join('\n'));
    }
    if (this.wrote) this.write('\n');
  }

  private part(text: string): void {
    this.write(this.wrote ? this.separator + text : text);
    this.wrote = true;
  }
}

function findingBlock(file: FileReport, source: SourceText, f: Finding, paint: Paint, docs: DocsLink, escape: (text: string) => string): string {
  const lineNo = String(f.range.start.line + 1);
  const pad = ' '.repeat(lineNo.length);
  const bar = paint.dim('|');
  const { text, caretStart, caretWidth } = excerpt(source, f);
  const carets = severityPaint(f.severity, paint)('^'.repeat(caretWidth));
  const lines = [
    findingLine(file.shown, f, paint, escape),
    `${pad} ${bar}`,
    `${paint.dim(lineNo)} ${bar} ${text}`,
    `${pad} ${bar} ${' '.repeat(caretStart)}${carets} ${paint.bold(f.code)}`,
    `${pad} ${bar}`,
  ];
  const fix = chosenFix(f, 'safe') ?? chosenFix(f, 'unsafe') ?? f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  if (fix) lines.push(`${pad} = ${paint.cyan('help')}: ${escape(fix.title)}${FIX_NOTE[fix.applicability]}`);
  const link = docs(f.code);
  if (link) lines.push(`${pad} = ${paint.cyan('docs')}: ${link}`);
  return lines.join('\n');
}

function severityPaint(severity: Severity, paint: Paint): (s: string) => string {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.cyan;
}

/** The finding's first line with tabs expanded and control characters escaped, and where the caret goes. */
export function excerpt(source: SourceText, f: Finding): { text: string; caretStart: number; caretWidth: number } {
  const line = Math.min(f.range.start.line, source.lineCount - 1);
  const lineStart = source.lineStarts[line];
  const raw = source.text.slice(lineStart, source.lineEnd(line));
  const start = Math.min(f.range.start.character, raw.length);
  const end = f.range.end.line === f.range.start.line ? Math.max(start, Math.min(f.range.end.character, raw.length)) : raw.length;
  let before = shown(raw.slice(0, start), 0);
  let marked = shown(raw.slice(start, end), before.length);
  let after = shown(raw.slice(end), before.length + marked.length);
  if (before.length + marked.length + after.length > EXCERPT_WIDTH) {
    // Keep some context before the range, the range itself (cut if huge), and what fits after it.
    const keepBefore = Math.min(before.length, 40);
    if (keepBefore < before.length) before = '…' + before.slice(before.length - keepBefore + 1);
    if (marked.length > EXCERPT_WIDTH - before.length) marked = marked.slice(0, EXCERPT_WIDTH - before.length - 1) + '…';
    const room = Math.max(0, EXCERPT_WIDTH - before.length - marked.length);
    if (after.length > room) after = room > 1 ? after.slice(0, room - 1) + '…' : '';
  }
  return { text: before + marked + after, caretStart: before.length, caretWidth: Math.max(1, marked.length) };
}

/** Escapes control characters and expands tabs to the next stop, counting from `column`. */
function shown(text: string, column: number): string {
  if (!text.includes('\t')) return visibleSource(text);
  let out = '';
  for (const part of visibleSource(text).split(/(\t)/)) {
    if (part === '\t') out += ' '.repeat(TAB_STOP - ((column + out.length) % TAB_STOP));
    else out += part;
  }
  return out;
}

/** ruff's `--statistics`: how many findings each rule has, most first, `[*]` where `--fix` fixes some. */
export function ruleCounts(tally: Tally, paint: Paint): string[] {
  const rows = [...tally.rules.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const countWidth = Math.max(0, ...rows.map((r) => String(r.count).length));
  const codeWidth = Math.max(0, ...rows.map((r) => r.code.length));
  const anyFixable = rows.some((r) => r.fixable);
  return rows.map((r) => {
    const mark = anyFixable ? `${r.fixable ? paint.cyan(FIXABLE) : '   '} ` : '';
    return `${String(r.count).padStart(countWidth)}  ${paint.bold(r.code.padEnd(codeWidth))}  ${mark}${r.name}`;
  });
}

/** E.g. `Fixed 2 problems in 1 file.` then `3 errors, 1 warning in 2 files (1 fixable with --fix)`. */
export function summaryLines(tally: Tally, fixMode: CheckReport['fixMode'], paint: Paint): string[] {
  const s = tally.summary;
  const lines: string[] = [];
  if (fixMode !== 'none') lines.push(s.fixed ? paint.green(`Fixed ${plural(s.fixed, 'problem')} in ${plural(s.filesFixed, 'file')}.`) : 'Nothing to fix.');
  for (const file of tally.dropped) {
    for (const d of file.fixes) lines.push(paint.yellow(`${file.shown}:${d.line + 1}: fix for ${d.code} not applied: ${d.reason} ('${d.title}').`));
  }
  const total = s.errors + s.warnings + s.infos;
  if (!total) {
    lines.push(paint.green(`No problems found in ${plural(s.checked, 'file')}.`));
    return lines;
  }
  const counts = [s.errors && plural(s.errors, 'error'), s.warnings && plural(s.warnings, 'warning'), s.infos && `${s.infos} info`].filter(Boolean).join(', ');
  const hints: string[] = [];
  if (s.fixable && fixMode === 'none') hints.push(`${s.fixable} fixable with --fix`);
  if (s.unsafeFixable && fixMode !== 'unsafe') hints.push(`${s.unsafeFixable} ${hints.length ? 'more ' : ''}fixable with --fix-unsafe`);
  const line = `${counts} in ${plural(s.filesWithFindings, 'file')}${hints.length ? ` (${hints.join(', ')})` : ''}`;
  lines.push(s.errors ? paint.red(paint.bold(line)) : paint.yellow(paint.bold(line)));
  return lines;
}
