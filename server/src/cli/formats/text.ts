import type { Finding, Severity } from '../../engine';
import { plural, summarize, type CheckReport } from '../report';
import type { Paint } from './color';

/** One line per finding, `file:line:col: severity CODE message` (1-based), as compilers print them and editors link them. */
export function findingLine(shown: string, f: Finding, paint: Paint): string {
  const where = `${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}:`;
  return `${paint.bold(where)} ${severityWord(f.severity, paint)} ${paint.dim(f.code)} ${f.message}`;
}

function severityWord(severity: Severity, paint: Paint): string {
  if (severity === 'error') return paint.red(paint.bold('error'));
  if (severity === 'warning') return paint.yellow(paint.bold('warning'));
  return paint.cyan('info');
}

export function formatText(report: CheckReport, paint: Paint, quiet: boolean): string {
  const lines: string[] = [];
  for (const file of report.files) for (const f of file.findings) lines.push(findingLine(file.shown, f, paint));
  if (!quiet) lines.push(...summaryLines(report, paint));
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** E.g. `Fixed 2 problems in 1 file.` then `3 errors, 1 warning in 2 files (1 fixable with --fix)`. */
export function summaryLines(report: CheckReport, paint: Paint): string[] {
  const s = summarize(report);
  const lines: string[] = [];
  if (report.fixMode !== 'none') lines.push(s.fixed ? paint.green(`Fixed ${plural(s.fixed, 'problem')} in ${plural(s.filesFixed, 'file')}.`) : 'Nothing to fix.');
  for (const file of report.files) {
    for (const d of file.dropped) lines.push(paint.yellow(`${file.shown}:${d.line + 1}: fix for ${d.code} not applied: ${d.reason} ('${d.title}').`));
  }
  const total = s.errors + s.warnings + s.infos;
  if (!total) {
    lines.push(paint.green(`No problems found in ${plural(s.checked, 'file')}.`));
    return lines;
  }
  const counts = [s.errors && plural(s.errors, 'error'), s.warnings && plural(s.warnings, 'warning'), s.infos && `${s.infos} info`].filter(Boolean).join(', ');
  const hints: string[] = [];
  if (s.fixable && report.fixMode === 'none') hints.push(`${s.fixable} fixable with --fix`);
  if (s.unsafeFixable && report.fixMode !== 'unsafe') hints.push(`${s.unsafeFixable} ${hints.length ? 'more ' : ''}fixable with --fix-unsafe`);
  const line = `${counts} in ${plural(s.filesWithFindings, 'file')}${hints.length ? ` (${hints.join(', ')})` : ''}`;
  lines.push(s.errors ? paint.red(paint.bold(line)) : paint.yellow(paint.bold(line)));
  return lines;
}
