import type { RuleMeta } from '../../engine';

export function rulesText(rules: RuleMeta[]): string {
  const rows = [['CODE', 'NAME', 'SEVERITY', 'SUMMARY'], ...rules.map((r) => [r.code, r.name, r.severity, r.summary])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n') + '\n';
}

/** The README's rules table; `rules --format markdown` regenerates it. */
export function rulesMarkdown(rules: RuleMeta[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| Code | Name | Severity | Summary |', '| --- | --- | --- | --- |'];
  for (const r of rules) lines.push(`| [${r.code}](docs/rules/${r.code}.md) | \`${r.name}\` | ${r.severity} | ${escape(r.summary)} |`);
  return lines.join('\n') + '\n';
}
