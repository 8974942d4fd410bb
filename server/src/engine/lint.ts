import { dockerfileSupport } from './dockerfile/support';
import { pythonSupport } from './python/support';
import type { LanguageSupport } from './language';
import { own } from './dict';
import { Catalog } from './profile/catalog';
import type { CatalogLock } from './profile/lock';
import type { Profile } from './profile/schema';
import type { FixChecker } from './fixAll';
import type { ParseMemo } from './python/parser';
import { comparePositions, SourceText } from './text';
import { SEVERITY_RANK, type Finding, type Fix, type Language, type RuleMeta, type Severity, type TextEdit } from './types';

/** Per-rule setting, by code or name: turn it off or change its severity. */
export type RuleSetting = 'off' | Severity;

export interface LintOptions {
  profile: Profile;
  rules?: Record<string, RuleSetting>;
  /** Values for ARGs, as `docker build --build-arg` would give them. */
  buildArgs?: Record<string, string>;
  /** The tag catalog from the registries (`catalog sync`); without it, rules judge by the profile alone. */
  lock?: CatalogLock;
  /**
   * Whether the profile's standard covers this file (config `scope`): `python-app` forces the image and
   * user rules on, `outside` forces them off (one SCP001 note remains), `auto` (default) decides from evidence.
   */
  scope?: ScopeSetting;
  /** Names of the files beside this one (a `pyproject.toml` or `setup.py` there is evidence of a Python application). */
  siblings?: readonly string[];
  /** The document's last parse, kept by a caller that checks it again after every edit (the editor): Python is then parsed incrementally. */
  memo?: ParseMemo;
}

export type ScopeSetting = 'python-app' | 'outside' | 'auto';

export interface LintResult {
  findings: Finding[];
  /** Writes the pragma that silences one of `findings` (for "Disable CODE for this line"). */
  suppressionEdit(finding: Finding): TextEdit;
  /** Writes the pragma that silences the finding's rule for the whole file, when the language has one. */
  fileSuppressionEdit(finding: Finding): TextEdit | undefined;
}

const supports = new Map<Language, LanguageSupport<any>>([
  ['dockerfile', dockerfileSupport],
  ['python', pythonSupport],
]);

/** Whether the language's rules run at all under this profile (the Python rules need a FIPS profile). */
export function languageApplies(language: Language, profile: Profile): boolean {
  return supports.get(language)?.appliesTo(profile) ?? false;
}

const catalogs = new WeakMap<Profile, Catalog>();
const lockedCatalogs = new WeakMap<CatalogLock, WeakMap<Profile, Catalog>>();

export function catalogFor(profile: Profile, lock?: CatalogLock): Catalog {
  let byProfile = catalogs;
  if (lock) {
    byProfile = lockedCatalogs.get(lock) ?? new WeakMap();
    lockedCatalogs.set(lock, byProfile);
  }
  let catalog = byProfile.get(profile);
  if (!catalog) byProfile.set(profile, (catalog = new Catalog(profile, lock)));
  return catalog;
}

export function allRules(): RuleMeta[] {
  return [...supports.values()].flatMap((s) => s.rules.map((r) => r.meta));
}

/** Rule code for a code or name, in any letter case; `undefined` when no rule has it. */
export function ruleCodeOf(word: string): string | undefined {
  const w = word.toLowerCase();
  return allRules().find((r) => r.code.toLowerCase() === w || r.name === w)?.code;
}

/** Lints one document. Text in, findings with fixes out: no I/O, no editor. */
export async function lint(text: string, language: Language, options: LintOptions): Promise<LintResult> {
  return lintWith(supports.get(language), text, options);
}

/** Lints with one language's support and rules (`lint` picks the built-in one; tests bring their own rules). */
export async function lintWith<Context>(support: LanguageSupport<Context> | undefined, text: string, options: LintOptions): Promise<LintResult> {
  if (!support || !support.appliesTo(options.profile)) return { findings: [], suppressionEdit: noEdit, fileSuppressionEdit: () => undefined };
  const source = SourceText.of(text);
  const context = await support.prepare(source, {
    profile: options.profile,
    catalog: catalogFor(options.profile, options.lock),
    buildArgs: options.buildArgs,
    scope: options.scope,
    siblings: options.siblings,
    memo: options.memo,
    rules: options.rules,
  });
  const findings: Finding[] = [];
  let merged = findings;
  try {
    runRules(support, context, options, findings);
    for (const f of support.carried?.(context) ?? []) findings.push(f);
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    merged = mergeDuplicates(findings);
    support.remember?.(context, merged);
  } finally {
    support.dispose?.(context);
  }
  return {
    findings: merged,
    suppressionEdit: (f) => support.suppressionEdit(context, f),
    fileSuppressionEdit: (f) => support.fileSuppressionEdit?.(context, f),
  };
}

/** Checks fixes with this language's parser and these options; `keep` filters findings as the caller reports them. */
export function fixChecker(language: Language, options: LintOptions, keep: (f: Finding) => boolean = () => true): FixChecker {
  const support = supports.get(language);
  return {
    lint: async (text) => (await lint(text, language, options)).findings.filter(keep),
    damage: async (before, after, spans) => support?.syntaxDamage(before, after, spans),
  };
}

function runRules<Context>(support: LanguageSupport<Context>, context: Context, options: LintOptions, findings: Finding[]): void {
  for (const rule of support.rules) {
    const setting = own(options.rules, rule.meta.code) ?? own(options.rules, rule.meta.name);
    if (setting === 'off' || support.skips?.(context, rule.meta)) continue;
    const severity = setting ?? rule.meta.severity;
    rule.check(context, (r) => {
      const finding: Finding = { code: rule.meta.code, name: rule.meta.name, severity, message: r.message, range: r.range, fixes: r.fixes ?? [] };
      if (!support.isSuppressed(context, finding)) findings.push(finding);
    });
  }
}

/**
 * Two FROMs using one bad ARG default would otherwise report the same characters twice. One finding
 * stands for both, so its fix must mend both: each fix keeps only what both offer, with both edits.
 * Findings are sorted by start and code (a stable sort, so reports keep their order), so a finding's
 * duplicates are in its run of equal start and code; no key per finding is built (40,000 at 40,000 stages).
 */
function mergeDuplicates(sorted: Finding[]): Finding[] {
  const kept: Finding[] = [];
  let run = 0; // where the kept findings with the current start and code begin
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (!last || comparePositions(last.range.start, finding.range.start) !== 0 || last.code !== finding.code) run = kept.length;
    let had: Finding | undefined;
    for (let k = run; k < kept.length && !had; k++) if (comparePositions(kept[k].range.end, finding.range.end) === 0) had = kept[k];
    if (had) had.fixes = mergeFixes(had.fixes, finding.fixes);
    else kept.push(finding);
  }
  return kept.length === sorted.length ? sorted : kept;
}

/** The fixes both reports offer (same title and applicability), each with the edits of both; none whose edits clash. */
function mergeFixes(a: Fix[], b: Fix[]): Fix[] {
  const merged: Fix[] = [];
  for (const fix of a) {
    const other = b.find((g) => g.title === fix.title && g.applicability === fix.applicability);
    if (!other) continue;
    const edits = [...fix.edits];
    for (const e of other.edits) if (!edits.some((d) => sameEdit(d, e))) edits.push(e);
    const overlaps = (d: (typeof edits)[number], e: (typeof edits)[number]) =>
      comparePositions(d.range.start, e.range.end) < 0 && comparePositions(e.range.start, d.range.end) < 0;
    const clash = edits.some((d, i) => edits.some((e, j) => i < j && overlaps(d, e)));
    if (!clash) merged.push({ ...fix, edits });
  }
  return merged;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

function noEdit(finding: Finding): TextEdit {
  return { range: { start: finding.range.start, end: finding.range.start }, newText: '' };
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
