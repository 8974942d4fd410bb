import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyFixes, type Finding, type Fix } from '../engine';

/** Rules may offer a fix that only a later pass can complete; ten passes is far more than any real file needs. */
const MAX_PASSES = 10;

export type FixMode = 'none' | 'safe' | 'unsafe';

/** The fix `--fix` applies for a finding: its preferred fix if safe, else its first safe one; `--fix-unsafe` takes the preferred one. */
export function chosenFix(finding: Finding, mode: FixMode): Fix | undefined {
  if (mode === 'none') return undefined;
  const preferred = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  if (mode === 'unsafe') return preferred;
  return preferred?.safe ? preferred : finding.fixes.find((f) => f.safe);
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

/**
 * Replaces a file's content so that no reader ever sees half of it: write a temporary file next to the
 * target, flush it, then rename it over the target. A symlink keeps pointing at the file it named, and
 * the file keeps its mode (and owner, where we may set it).
 */
export function writeAtomic(path: string, content: string): void {
  let target = path;
  let before: Stats | undefined;
  try {
    target = realpathSync(path);
    before = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', before ? before.mode & 0o7777 : 0o666);
  try {
    try {
      writeSync(fd, content, null, 'utf8');
      if (before) keepOwnership(fd, before);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}

function keepOwnership(fd: number, before: Stats): void {
  fchmodSync(fd, before.mode & 0o7777); // the umask may have narrowed it
  const now = fstatSync(fd);
  if (now.uid === before.uid && now.gid === before.gid) return;
  try {
    fchownSync(fd, before.uid, before.gid);
  } catch {
    // Only root may give a file away; the content matters more than the owner.
  }
}
