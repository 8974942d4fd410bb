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

/**
 * How far a fix may be trusted, as ruff's `Applicability`:
 * - `safe`: keeps behaviour or restores what the standard requires; `--fix` and fix-on-save apply it.
 * - `unsafe`: changes what the build or program does; offered as a quick fix and applied by `--fix-unsafe`.
 * - `suggestion`: a guess (a spelling correction, a package name); shown, never applied in bulk.
 */
export type Applicability = 'safe' | 'unsafe' | 'suggestion';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; the editor marks it preferred. */
  preferred?: boolean;
  applicability: Applicability;
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
  /** The applicabilities of the fixes this rule may offer; none when it offers no fix. Tests hold the rule to it. */
  fixes?: Applicability[];
  equivalents?: Equivalents;
  /** The profile fields the rule reads (`user.name`, `repositories[].tags[].user`): its documentation shows their values. */
  profileFields?: string[];
}
