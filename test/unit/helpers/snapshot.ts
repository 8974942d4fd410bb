import { readFileSync } from 'node:fs';
import { applyFixes, builtinProfile, lint, parseLock, type Finding, type Fix, type Language } from '../../../server/src/engine';

/**
 * Snapshot tests per rule, as ruff's `.snap` files: one fixture per rule (`test/fixtures/rules/CODE.Dockerfile`
 * or `CODE.py`) made of cases, each linted on its own; the snapshot lists every finding of the rule with its
 * range (in the fixture's lines), severity and message, and every fix with its applicability, title and the
 * diff it makes. A case starts with a header line:
 *
 *     ### what the case shows [defra, lock=test/fixtures/rules/IMG010.lock.json]
 *
 * (options optional; the profile defaults to gen3). Lines before the first header describe the fixture.
 */
export interface FixtureCase {
  name: string;
  profile: string;
  lock?: string;
  /** 0-based line of the case's first line in the fixture. */
  firstLine: number;
  text: string;
}

const HEADER = /^### (.*?)(?: \[([^\]]*)\])?$/;

export function fixtureCases(fixture: string): FixtureCase[] {
  const lines = fixture.split('\n');
  const cases: FixtureCase[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && !HEADER.test(lines[end])) end++;
    let last = end;
    while (last > i + 1 && lines[last - 1].trim() === '') last--;
    const options = (m[2] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const lock = options.find((o) => o.startsWith('lock='))?.slice(5);
    const profile = options.find((o) => !o.startsWith('lock=')) ?? 'gen3';
    cases.push({ name: m[1], profile, lock, firstLine: i + 1, text: lines.slice(i + 1, last).join('\n') + '\n' });
    i = end - 1;
  }
  return cases;
}

function at(line: number, character: number, c: FixtureCase): string {
  return `${c.firstLine + line + 1}:${character + 1}`;
}

/** The lines a fix changes, with one line of context each side, numbered as in the fixture. */
export function fixDiff(before: string, after: string, c: FixtureCase): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let top = 0;
  while (top < a.length && top < b.length && a[top] === b[top]) top++;
  let bottom = 0;
  while (bottom < a.length - top && bottom < b.length - top && a[a.length - 1 - bottom] === b[b.length - 1 - bottom]) bottom++;
  const from = Math.max(0, top - 1);
  const out = [`@@ line ${c.firstLine + from + 1} @@`];
  for (let i = from; i < top; i++) out.push(`  ${a[i]}`);
  for (let i = top; i < a.length - bottom; i++) out.push(`- ${a[i]}`);
  for (let i = top; i < b.length - bottom; i++) out.push(`+ ${b[i]}`);
  // The context after, unless it is only the end of the file.
  const next = a.length - bottom;
  if (bottom > 0 && !(next === a.length - 1 && a[next] === '')) out.push(`  ${a[next]}`);
  return out;
}

function renderFix(fix: Fix, index: number, c: FixtureCase): string[] {
  const { text } = applyFixes(c.text, [fix]);
  const flags = [fix.applicability, ...(fix.preferred ? ['preferred'] : [])].join(', ');
  return [`  fix ${index + 1} (${flags}): ${fix.title}`, ...fixDiff(c.text, text, c).map((l) => `    ${l}`.trimEnd())];
}

function renderFinding(f: Finding, c: FixtureCase): string[] {
  const range = `${at(f.range.start.line, f.range.start.character, c)}-${at(f.range.end.line, f.range.end.character, c)}`;
  return [`${range} ${f.severity} ${f.code}: ${f.message}`, ...f.fixes.flatMap((fix, i) => renderFix(fix, i, c))];
}

/** The rule's findings on each case of its fixture, each case linted on its own with its profile and lock. */
export async function fixtureFindings(
  code: string,
  language: Language,
  fixturePath: string,
  fixture: string,
  root: string,
): Promise<Array<{ case: FixtureCase; findings: Finding[] }>> {
  const cases = fixtureCases(fixture);
  if (!cases.length) throw new Error(`${fixturePath} has no '### case' header`);
  const out: Array<{ case: FixtureCase; findings: Finding[] }> = [];
  for (const c of cases) {
    const profile = builtinProfile(c.profile);
    if (!profile) throw new Error(`${fixturePath}: case '${c.name}' names unknown profile '${c.profile}'`);
    const lock = c.lock ? parseLock(readFileSync(`${root}/${c.lock}`, 'utf8')) : undefined;
    const { findings } = await lint(c.text, language, { profile, lock });
    out.push({ case: c, findings: findings.filter((f) => f.code === code) });
  }
  return out;
}

/** The snapshot text of a rule's fixture: each case with the rule's findings and fixes. */
export async function renderSnapshot(code: string, language: Language, fixturePath: string, fixture: string, root: string): Promise<string> {
  const out = [`# ${code} on ${fixturePath} (UPDATE_SNAPSHOTS=1 npm test rewrites this file; review the diff)`];
  for (const { case: c, findings } of await fixtureFindings(code, language, fixturePath, fixture, root)) {
    out.push('', `## ${c.name} [${c.profile}${c.lock ? ', lock' : ''}] (line ${c.firstLine + 1})`);
    out.push(...(findings.length ? findings.flatMap((f) => renderFinding(f, c)) : ['no findings']));
  }
  return out.join('\n') + '\n';
}
