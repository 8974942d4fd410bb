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

/** Our codes for a code in a comment: our own code or name, or another tool's equivalent. */
function translate(code: string, rules: ReadonlyArray<{ meta: RuleMeta }>): string[] {
  const c = code.toUpperCase();
  return rules
    .filter(({ meta }) => meta.code === c || meta.name.toUpperCase() === c || meta.equivalents?.ruff?.includes(c) || meta.equivalents?.bandit?.includes(c))
    .map((r) => r.meta.code);
}

export function isSuppressedOnLine(pragmas: LinePragmas, finding: Finding): boolean {
  const codes = pragmas.get(finding.range.start.line)?.codes;
  return !!codes && (codes.has('*') || codes.has(finding.code));
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
