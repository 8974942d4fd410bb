import { applyFixes } from './text';
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

export interface FixResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** Findings of the final text. */
  findings: Finding[];
}

/**
 * Lints, applies the chosen fixes, and lints again until no fix applies: fixes that overlap are
 * skipped by `applyFixes` and land in a later pass. Stops early if a text comes back (two fixes
 * undoing each other).
 */
export async function fixPasses(text: string, lint: (text: string) => Promise<Finding[]>, pick: (f: Finding) => Fix | undefined): Promise<FixResult> {
  let applied = 0;
  const seen = new Set([text]);
  let findings = await lint(text);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = findings.map(pick).filter((f): f is Fix => f !== undefined);
    if (!fixes.length) break;
    const result = applyFixes(text, fixes);
    if (!result.applied.length || seen.has(result.text)) break;
    seen.add(result.text);
    text = result.text;
    applied += result.applied.length;
    findings = await lint(text);
  }
  return { text, applied, findings };
}
