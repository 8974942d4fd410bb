import type { CatalogLock, LockedTag } from '../../../server/src/engine';

export const SYNCED = '2026-11-20';

/** A digest made of one repeated hex character, so tests read `digest('a')`. */
export function digest(c: string): string {
  return `sha256:${c.repeat(64)}`;
}

/** A locked tag seen at the last sync, with `fields` over the defaults. */
export function seen(d: string, fields: Partial<LockedTag> = {}): LockedTag {
  return { digest: digest(d), firstSeen: '2026-10-01', lastSeen: SYNCED, ...fields };
}

/** A lock holding `repositories` (name → tag → entry), synced on SYNCED. */
export function lockOf(repositories: Record<string, Record<string, LockedTag>>, images?: Record<string, LockedTag>): CatalogLock {
  const repos: CatalogLock['repositories'] = {};
  for (const [name, tags] of Object.entries(repositories)) repos[name] = { registry: name.split('/')[0], tags };
  return { version: 1, profile: 'test', syncedAt: SYNCED, repositories: repos, ...(images ? { images } : {}) };
}
