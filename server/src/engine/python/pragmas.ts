import { codesForPragmaWord, PRAGMA_TOOLS } from '../pragmaCodes';
import { insert, type SourceText } from '../text';
import type { Finding, RuleMeta, TextEdit } from '../types';
import type { Node } from './parser';

/** Codes a line's comment turns off; `*` for a bare `# noqa` or `# nosec`. */
export type LinePragmas = Map<number, { codes: Set<string>; comment: { line: number; start: number; end: number; text: string } }>;

// Comment text only (already isolated by the parser): `noqa`, `noqa: A, B`, `nosec`, `nosec B324`.
const NOQA = /(?:^|#)\s*noqa\b(?::\s*([\w\s,-]+))?/i;
const NOSEC = /(?:^|#)\s*nosec\b([\w\s,]*)/i;

/**
 * Reads ruff/flake8 `# noqa` and bandit `# nosec` comments. A code of another tool counts when one of
 * our rules names it as an equivalent (`S324`, `B324`), so files annotated for those tools stay quiet.
 */
export function readLinePragmas(comments: Node[], source: SourceText, rules: ReadonlyArray<{ meta: RuleMeta }>): LinePragmas {
  const pragmas: LinePragmas = new Map();
  for (const c of comments) {
    const codes = new Set<string>();
    const noqa = NOQA.exec(c.text);
    if (noqa) {
      const listed = noqa[1]?.split(/[\s,]+/).filter(Boolean) ?? [];
      if (!listed.length) codes.add('*');
      for (const code of listed) for (const ours of translate(code, rules)) codes.add(ours);
    }
    const nosec = NOSEC.exec(c.text);
    if (nosec) {
      const listed = nosec[1].split(/[\s,]+/).filter(Boolean);
      if (!listed.length) for (const r of rules) if (r.meta.equivalents?.bandit?.length) codes.add(r.meta.code);
      for (const code of listed) for (const ours of translate(code, rules)) codes.add(ours);
    }
    const line = c.startPosition.row;
    const comment = { line, start: c.startIndex, end: c.endIndex, text: c.text };
    if (codes.size || !pragmas.has(line)) pragmas.set(line, { codes, comment });
  }
  return pragmas;
}

/** Our codes for a code in a comment: our own code or name, or a ruff or bandit equivalent. */
function translate(code: string, rules: ReadonlyArray<{ meta: RuleMeta }>): string[] {
  return codesForPragmaWord(code, rules, PRAGMA_TOOLS.python);
}

export function isSuppressedOnLine(pragmas: LinePragmas, finding: Finding): boolean {
  return pragmaCovers(pragmas, finding.range.start.line, finding.code);
}

/** Whether the comment on this line turns the rule off. */
export function pragmaCovers(pragmas: LinePragmas, line: number, code: string): boolean {
  const codes = pragmas.get(line)?.codes;
  return !!codes && (codes.has('*') || codes.has(code));
}

/** `# noqa: CODE` at the end of the finding's line, or the code added to a `# noqa:` list already there. */
export function noqaEdit(pragmas: LinePragmas, source: SourceText, finding: Finding): TextEdit {
  const line = finding.range.start.line;
  const existing = pragmas.get(line)?.comment;
  if (existing) {
    const list = /noqa:\s*[\w-]+(?:\s*,\s*[\w-]+)*/i.exec(existing.text);
    if (list) return insert(source.positionAt(existing.start + list.index + list[0].length), `, ${finding.code}`);
    return insert(source.positionAt(existing.end), `  # noqa: ${finding.code}`);
  }
  return insert({ line, character: source.lineText(line).trimEnd().length }, `  # noqa: ${finding.code}`);
}

/** Codes turned off for the whole file (`*` for all), and our own comment that says so, if any. */
export interface FilePragmas {
  codes: Set<string>;
  ours?: { line: number; text: string };
}

// A comment on a line of its own, anywhere in the file (as ruff's file-level exemption):
// `# container-standards ignore-file=FIPS001` (no codes: every rule), `# ruff: noqa: S324`, `# ruff: noqa`, `# flake8: noqa`.
const OURS_FILE = /^#\s*container-standards\s+ignore-file\s*=\s*([\w\s,-]*)$/i;
const RUFF_FILE = /^#\s*(?:ruff|flake8)\s*:\s*noqa\b(?::\s*([\w\s,-]+))?\s*$/i;

export function readFilePragmas(comments: Node[], source: SourceText, rules: ReadonlyArray<{ meta: RuleMeta }>): FilePragmas {
  const pragmas: FilePragmas = { codes: new Set() };
  for (const c of comments) {
    const line = c.startPosition.row;
    if (source.lineText(line).slice(0, c.startPosition.column).trim() !== '') continue;
    const text = c.text.trim();
    const ours = OURS_FILE.exec(text);
    const ruff = ours ? null : RUFF_FILE.exec(text);
    if (!ours && !ruff) continue;
    const listed = (ours ? ours[1] : (ruff![1] ?? '')).split(/[\s,]+/).filter(Boolean);
    if (!listed.length) pragmas.codes.add('*');
    for (const code of listed) for (const mine of translate(code, rules)) pragmas.codes.add(mine);
    if (ours && !pragmas.ours) pragmas.ours = { line, text: source.lineText(line) };
  }
  return pragmas;
}

export function isSuppressedInFile(pragmas: FilePragmas, finding: Finding): boolean {
  return pragmas.codes.has('*') || pragmas.codes.has(finding.code);
}

/**
 * "Disable CODE for this file": the code added to our `ignore-file=` comment, or a new one at the top,
 * after a `#!` line and an encoding declaration (which must stay on the first two lines).
 */
export function ignoreFileEdit(pragmas: FilePragmas, source: SourceText, finding: Finding): TextEdit {
  if (pragmas.ours) {
    // It lists codes: with none it would turn every rule off, and there would be no finding to disable.
    return insert({ line: pragmas.ours.line, character: pragmas.ours.text.trimEnd().length }, `,${finding.code}`);
  }
  let line = 0;
  if (line < source.lineCount && source.lineText(line).startsWith('#!')) line++;
  if (line < 2 && line < source.lineCount && /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(source.lineText(line))) line++;
  return insert({ line, character: 0 }, `# container-standards ignore-file=${finding.code}${source.eol}`);
}
