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

export function summarize(report: CheckReport): Summary {
  const s: Summary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    filesWithFindings: 0,
    checked: report.files.length,
    fixable: 0,
    unsafeFixable: 0,
    fixed: 0,
    filesFixed: 0,
    droppedFixes: 0,
  };
  for (const file of report.files) {
    if (file.findings.length) s.filesWithFindings++;
    if (file.fixed) s.filesFixed++;
    s.fixed += file.fixed;
    s.droppedFixes += file.dropped.length;
    for (const f of file.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
      if (chosenFix(f, 'safe')) s.fixable++;
      else if (chosenFix(f, 'unsafe')) s.unsafeFixable++;
    }
  }
  return s;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
