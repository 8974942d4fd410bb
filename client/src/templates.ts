// Template order for "New Dockerfile from Template…", apart from vscode so it can be unit tested.

/** Templates whose prefix names the active profile (`gen3-…`) first, each group in its own order. */
export function orderTemplates<T extends { prefix: string }>(templates: T[], profileId: string | undefined): T[] {
  if (!profileId) return templates;
  const mine = templates.filter((t) => t.prefix.startsWith(`${profileId}-`));
  return [...mine, ...templates.filter((t) => !mine.includes(t))];
}
