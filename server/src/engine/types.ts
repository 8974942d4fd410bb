/** Positions are 0-based and count UTF-16 code units, as in LSP, so the server can pass them on unchanged. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; the editor marks it preferred. */
  preferred?: boolean;
  /** Safe fixes keep behaviour (or restore the standard's) and are the only ones `--fix` applies. */
  safe: boolean;
}

export type Language = 'dockerfile' | 'python';

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

/** Codes of other tools whose suppression comments mean the same as one of our rules. */
export interface Equivalents {
  hadolint?: string[];
  ruff?: string[];
  bandit?: string[];
}

export interface RuleMeta {
  code: string;
  /** kebab-case, unique; accepted wherever a code is. */
  name: string;
  language: Language;
  severity: Severity;
  /** One sentence for rule lists, SARIF and completions. */
  summary: string;
  equivalents?: Equivalents;
}
