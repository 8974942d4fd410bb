import type { Profile } from './profile/schema';
import type { ParseMemo } from './python/parser';
import type { Catalog } from './profile/catalog';
import type { Rule } from './rule';
import type { SourceText, Span } from './text';
import type { Finding, Language, RuleMeta, TextEdit } from './types';

export interface PrepareOptions {
  profile: Profile;
  catalog: Catalog;
  buildArgs?: Record<string, string>;
  scope?: 'python-app' | 'outside' | 'auto';
  siblings?: readonly string[];
  /** The document's last parse (see `LintOptions.memo`). */
  memo?: ParseMemo;
  /** Per-rule settings (`LintOptions.rules`): findings carried from the last check were made under them. */
  rules?: Record<string, string>;
}

/** What one file type brings to the engine: a parse shared by its rules, the rules, and its comment pragmas. */
export interface LanguageSupport<Context> {
  language: Language;
  /** Whether the language's rules apply under this profile at all. */
  appliesTo(profile: Profile): boolean;
  prepare(source: SourceText, options: PrepareOptions): Context | Promise<Context>;
  rules: ReadonlyArray<Rule<Context>>;
  /** Rules that do not apply to this file at all (e.g. outside the standard's scope). */
  skips?(context: Context, rule: RuleMeta): boolean;
  /** Whether a comment pragma turns this finding off. */
  isSuppressed(context: Context, finding: Finding): boolean;
  /** The edit that writes a pragma turning this finding off ("Disable CODE for this line"). */
  suppressionEdit(context: Context, finding: Finding): TextEdit;
  /** What applying `spans` to `before` broke in the file's syntax, if anything: a fix that breaks it is dropped. */
  syntaxDamage(before: string, after: string, spans: Span[]): string | undefined | Promise<string | undefined>;
  /** The edit that turns this finding's rule off for the whole file ("Disable CODE for this file"), where the language has such a pragma. */
  fileSuppressionEdit?(context: Context, finding: Finding): TextEdit | undefined;
  /** Findings carried over unchanged from the document's last check; the rules then report only the rest. */
  carried?(context: Context): readonly Finding[];
  /** Keeps the check's findings (sorted, suppressed ones left out) for the next check of the same document. */
  remember?(context: Context, findings: readonly Finding[]): void;
  /** Frees what `prepare` allocated outside the JavaScript heap, once the rules have run. */
  dispose?(context: Context): void;
}
