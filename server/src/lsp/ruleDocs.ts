import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { ruleDocsUrl } from '../product';

/** Opens a rule's page: the VS Code client shows the bundled copy; other editors get window/showDocument with its web address. */
export const SHOW_RULE_DOCS = 'containerStandards.showRuleDocs';

/**
 * Where a hover's "documentation" link leads: the client's command when it opens the bundled page
 * itself (the VS Code extension says so in its initialization options), else the page on the web.
 */
export function ruleDocsLink(code: string, bundled: boolean): string | undefined {
  return bundled ? `command:${SHOW_RULE_DOCS}?${encodeURIComponent(JSON.stringify([code]))}` : ruleDocsUrl(code);
}

/**
 * One line per finding under the cursor: the rule's code and name with a link to its page. Not the
 * message: the editor shows the diagnostic beside the hover, and saying it twice is noise.
 */
export function findingsHoverText(findings: readonly Finding[], link: (code: string) => string | undefined): string | undefined {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of findings) {
    if (seen.has(f.code)) continue;
    seen.add(f.code);
    const target = link(f.code);
    lines.push(target ? `${f.code} ${f.name}: [Show documentation](${target})` : `${f.code} ${f.name}`);
  }
  return lines.length ? lines.join('\n\n') : undefined;
}

/** What a hover's contents say, as Markdown (dockerfile-language-service answers in Markdown or plain strings). */
export function hoverMarkdown(hover: Hover): string | undefined {
  const c = hover.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((m) => (typeof m === 'string' ? m : `\`\`\`${m.language}\n${m.value}\n\`\`\``)).join('\n\n');
  if ('kind' in c) return (c as MarkupContent).value;
  return `\`\`\`${c.language}\n${c.value}\n\`\`\``;
}

/** The image's (or the general Dockerfile) hover with the findings' documentation links under it. */
export function combineHovers(main: Hover | null | undefined, findings: readonly Finding[], link: (code: string) => string | undefined): Hover | null {
  const docs = findingsHoverText(findings, link);
  if (!docs) return main ?? null;
  const body = main ? hoverMarkdown(main) : undefined;
  const range = main?.range ?? findings[0].range;
  return { range, contents: { kind: MarkupKind.Markdown, value: body ? `${body}\n\n---\n\n${docs}` : docs } };
}
