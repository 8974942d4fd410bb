import { planFixes, spliceText, type Span } from './text';
import type { Finding, Fix } from './types';

/** Rules may offer a fix that only a later pass can complete; ten passes is far more than any real file needs. */
const MAX_PASSES = 10;

export type FixMode = 'none' | 'safe' | 'unsafe';

/**
 * The fix a bulk fix applies for a finding: `--fix` takes the preferred fix if it is safe, else the first
 * safe one; `--fix-unsafe` also takes unsafe ones (the preferred first). Suggestions are never applied in bulk.
 */
export function chosenFix(finding: Finding, mode: FixMode): Fix | undefined {
  if (mode === 'none') return undefined;
  const allowed = (f: Fix) => f.applicability === 'safe' || (mode === 'unsafe' && f.applicability === 'unsafe');
  const preferred = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  return preferred && allowed(preferred) ? preferred : finding.fixes.find(allowed);
}

/** How fixes are checked: the findings of a text, and what an edit broke in its syntax. */
export interface FixChecker {
  lint(text: string): Promise<Finding[]>;
  damage(before: string, after: string, spans: Span[]): Promise<string | undefined>;
}

/** A fix that failed verification: it was never applied. */
export interface DroppedFix {
  code: string;
  title: string;
  /** 0-based line of its finding in the text it was offered for. */
  line: number;
  reason: string;
}

export interface FixResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  dropped: DroppedFix[];
  /** Findings of the final text. */
  findings: Finding[];
  /** The spans each pass applied, in the coordinates of the text before it: replayable on the file's bytes. */
  passes: Span[][];
}

/**
 * Lints, applies the chosen fixes, and lints again until no fix applies: fixes that overlap land in a
 * later pass. Every fix is verified before it is applied: the result must parse as well as the text did,
 * the fix must clear its finding, and a safe fix must add no finding. A fix that fails is dropped and
 * reported, never applied. The common case costs one extra lint per pass: a whole pass is checked at
 * once, and fixes are checked one by one only when the pass fails.
 */
export async function fixPasses(text: string, checker: FixChecker, pick: (f: Finding) => Fix | undefined): Promise<FixResult> {
  let applied = 0;
  // A fix dropped for one text is tried again once other fixes changed it; only drops that last are reported.
  const dropped = new Map<string, DroppedFix>();
  let blocked = new Set<string>();
  const passes: Span[][] = [];
  const seen = new Set([text]);
  let findings = await checker.lint(text);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let chosen = findings.flatMap((finding) => {
      const fix = pick(finding);
      return fix && !blocked.has(keyOf(finding, fix)) ? [{ finding, fix }] : [];
    });
    if (!chosen.length) break;
    let step = await tryTogether(text, findings, chosen, checker);
    if (!step) {
      const kept = [];
      for (const c of chosen) {
        const reason = await verifyFix(text, findings, c.finding, c.fix, checker);
        if (reason === undefined) kept.push(c);
        else {
          blocked.add(keyOf(c.finding, c.fix));
          dropped.set(keyOf(c.finding, c.fix), { code: c.finding.code, title: c.fix.title, line: c.finding.range.start.line, reason });
        }
      }
      chosen = kept;
      step = chosen.length
        ? ((await tryTogether(text, findings, chosen, checker)) ?? (await tryTogether(text, findings, chosen.slice(0, 1), checker)))
        : undefined;
    }
    if (!step || seen.has(step.text)) break;
    seen.add(step.text);
    for (const c of chosen) if (step.applied.includes(c.fix)) dropped.delete(keyOf(c.finding, c.fix));
    blocked = new Set();
    passes.push(step.spans);
    text = step.text;
    applied += step.count;
    findings = step.findings;
  }
  return { text, applied, dropped: [...dropped.values()], findings, passes };
}

/** Why one fix fails verification against the text it was offered for, or `undefined` when it holds. */
export async function verifyFix(text: string, findings: Finding[], finding: Finding, fix: Fix, checker: FixChecker): Promise<string | undefined> {
  const result = await verify(text, findings, [{ finding, fix }], checker);
  return typeof result === 'string' ? result : undefined;
}

interface Chosen {
  finding: Finding;
  fix: Fix;
}

interface Step {
  text: string;
  spans: Span[];
  count: number;
  applied: Fix[];
  findings: Finding[];
}

async function tryTogether(text: string, findings: Finding[], chosen: Chosen[], checker: FixChecker): Promise<Step | undefined> {
  const result = await verify(text, findings, chosen, checker);
  return typeof result === 'string' ? undefined : result;
}

/** Applies the fixes that do not overlap and checks the result; a string says why it fails. */
async function verify(text: string, findings: Finding[], chosen: Chosen[], checker: FixChecker): Promise<Step | string> {
  const { spans, applied } = planFixes(
    text,
    chosen.map((c) => c.fix),
  );
  if (!applied.length) return 'it overlaps another fix';
  const after = spliceText(text, spans);
  const damage = await checker.damage(text, after, spans);
  if (damage) return damage;
  const next = await checker.lint(after);
  const fixedPerCode = new Map<string, number>();
  for (const c of chosen) if (applied.includes(c.fix)) fixedPerCode.set(c.finding.code, (fixedPerCode.get(c.finding.code) ?? 0) + 1);
  const before = countByCode(findings);
  const now = countByCode(next);
  for (const [code, fixed] of fixedPerCode) {
    if ((now.get(code) ?? 0) > (before.get(code) ?? 0) - fixed) return `it does not clear ${code}`;
  }
  // An unsafe fix may reveal what its change implies (a new base's package manager); a safe one adds nothing.
  if (applied.every((f) => f.applicability === 'safe')) {
    for (const [code, n] of now) if (n > (before.get(code) ?? 0)) return `it would add ${code}`;
  }
  return { text: after, spans, count: applied.length, applied, findings: next };
}

function countByCode(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}

function keyOf(finding: Finding, fix: Fix): string {
  return `${finding.code}\u0000${fix.title}\u0000${finding.message}`;
}
