// Template order for "New Dockerfile from Template…", apart from vscode so it can be unit tested.

/** Snippet prefixes start with `cs-`: a word the file itself holds (`gen3`, `md5`) would otherwise sort above them. */
export const SNIPPET_PREFIX = 'cs-';

/** Templates whose prefix names the active profile (`cs-gen3-…`) first, each group in its own order. */
export function orderTemplates<T extends { prefix: string }>(templates: T[], profileId: string | undefined): T[] {
  if (!profileId) return templates;
  const mine = templates.filter((t) => t.prefix.startsWith(`${SNIPPET_PREFIX}${profileId}-`));
  return [...mine, ...templates.filter((t) => !mine.includes(t))];
}
