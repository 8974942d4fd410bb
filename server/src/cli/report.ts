import type { DroppedFix, Finding, Language } from '../engine';
import { chosenFix, type FixMode } from '../engine';

export interface FileReport {
  /** Absolute path. */
  path: string;
  /** As shown to the user: relative to the working directory when inside it. */
  shown: string;
  language: Language;
  profile: string;
  /** The text the findings refer to (after fixes, without a byte order mark). */
  text: string;
  findings: Finding[];
  /** Fixes applied by `--fix`. */
  fixed: number;
  /** A reported finding reaches `--fail-on`, so the run exits 1. */
  fails?: boolean;
  /** Fixes that failed verification (the result would not parse, or the finding stayed): never written. */
  dropped: DroppedFix[];
}

export interface CheckReport {
  files: FileReport[];
  cwd: string;
  fixMode: FixMode;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** Files with at least one finding. */
  filesWithFindings: number;
  checked: number;
  /** Findings `--fix` would fix. */
  fixable: number;
  /** Findings only `--fix-unsafe` would fix. */
  unsafeFixable: number;
  fixed: number;
  filesFixed: number;
  /** Fixes that failed verification and were not applied. */
  droppedFixes: number;
}

export interface RuleCount {
  code: string;
  name: string;
  count: number;
  /** `--fix` fixes at least one of them. */
  fixable: boolean;
}

/**
 * What the summary and the counts per rule need of a run, added up one file at a time: a streamed
 * check keeps this instead of every file's report, so its memory does not grow with the tree.
 */
export class Tally {
  readonly summary: Summary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    filesWithFindings: 0,
    checked: 0,
    fixable: 0,
    unsafeFixable: 0,
    fixed: 0,
    filesFixed: 0,
    droppedFixes: 0,
  };
  readonly rules = new Map<string, RuleCount>();
  /** Fixes not applied, by file (only `--fix` has any). */
  readonly dropped: { shown: string; fixes: DroppedFix[] }[] = [];
  /** A finding reaches `--fail-on`: the run exits 1. */
  fails = false;

  add(file: FileReport): void {
    const s = this.summary;
    s.checked++;
    if (file.findings.length) s.filesWithFindings++;
    if (file.fixed) s.filesFixed++;
    s.fixed += file.fixed;
    s.droppedFixes += file.dropped.length;
    if (file.dropped.length) this.dropped.push({ shown: file.shown, fixes: file.dropped });
    this.fails ||= file.fails === true;
    for (const f of file.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
      const safe = chosenFix(f, 'safe') !== undefined;
      if (safe) s.fixable++;
      else if (chosenFix(f, 'unsafe')) s.unsafeFixable++;
      const rule = this.rules.get(f.code) ?? { code: f.code, name: f.name, count: 0, fixable: false };
      rule.count++;
      rule.fixable ||= safe;
      this.rules.set(f.code, rule);
    }
  }

  static of(files: FileReport[]): Tally {
    const tally = new Tally();
    for (const file of files) tally.add(file);
    return tally;
  }
}

export function summarize(report: CheckReport): Summary {
  return Tally.of(report.files).summary;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
