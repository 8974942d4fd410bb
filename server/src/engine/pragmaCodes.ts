import type { Equivalents, Language, RuleMeta } from './types';

/** Other linters whose suppression comments mean the same as ours, by the language they lint. */
export type Tool = keyof Equivalents;
export const PRAGMA_TOOLS: Record<Language, readonly Tool[]> = { dockerfile: ['hadolint'], python: ['ruff', 'bandit'] };

type Rules = ReadonlyArray<{ meta: RuleMeta }>;

/**
 * The one translation from a word in a suppression comment to our rule codes: our own code or name, or
 * (when `tools` are given) a code those tools use for the same check, as the rule's `equivalents` list it.
 */
export function codesForPragmaWord(word: string, rules: Rules, tools: readonly Tool[], ours = true): string[] {
  const w = word.toUpperCase();
  const isOurs = (meta: RuleMeta) => ours && (meta.code === w || meta.name.toUpperCase() === w);
  const isTheirs = (meta: RuleMeta) => tools.some((t) => meta.equivalents?.[t]?.some((c) => c.toUpperCase() === w));
  return rules.filter(({ meta }) => isOurs(meta) || isTheirs(meta)).map((r) => r.meta.code);
}

const OWN_PRAGMA: Record<Language, (meta: RuleMeta) => string> = {
  dockerfile: (m) =>
    `\`# container-standards ignore=${m.code}\` (or \`ignore=${m.name}\`) on the line before the instruction; ` +
    `\`# container-standards ignore-file=${m.code}\` before the first instruction turns it off for the file.`,
  python: (m) => `\`# noqa: ${m.code}\` (or \`# noqa: ${m.name}\`, or a bare \`# noqa\`) on the line where the finding starts.`,
};

const TOOL_PRAGMA: Record<Tool, (code: string) => string> = {
  hadolint: (c) => `\`# hadolint ignore=${c}\` (and \`# hadolint global ignore=${c}\`)`,
  ruff: (c) => `\`# noqa: ${c}\` (ruff)`,
  bandit: (c) => `\`# nosec ${c}\` or a bare \`# nosec\` (bandit)`,
};

/** How to turn a rule off, for its documentation page: the comment, the other tools' comments, the config. */
export function suppressionHelp(meta: RuleMeta): string {
  const theirs = PRAGMA_TOOLS[meta.language].flatMap((t) => (meta.equivalents?.[t] ?? []).map((c) => TOOL_PRAGMA[t](c)));
  const lines = [OWN_PRAGMA[meta.language](meta)];
  if (theirs.length)
    lines.push(`${theirs.join(', ')} work${theirs.length === 1 ? 's' : ''} too, so code already annotated for that tool is not flagged again.`);
  lines.push(`For a whole project or folder: \`"rules": { "${meta.code}": "off" }\` in \`.container-standards.json\`. See [suppression](../suppression.md).`);
  return lines.map((l) => `- ${l}`).join('\n');
}
