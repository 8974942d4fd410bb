import { canonicalRepository, parseImageRef } from '../imageRef';

/**
 * The tag catalog as the registries last showed it (`container-standards.lock.json`), written by
 * `catalog sync` and read by the rules offline. Dates are UTC days (`YYYY-MM-DD`): a second sync on the
 * same day with nothing changed writes the same bytes, and a lock's age is counted in days.
 */
export interface CatalogLock {
  version: 1;
  /** Profile id the sync was run for (informational: lookups go by repository). */
  profile: string;
  syncedAt: string;
  /** Repositories and mirrors of the profile, by name as the profile writes it. */
  repositories: Record<string, LockedRepository>;
  /** Single images outside the catalog that a sync was asked to inspect (`--image`), by reference. */
  images?: Record<string, LockedTag>;
}

export interface LockedRepository {
  /** Host the repository was read from, e.g. `quay.io` or `127.0.0.1:5000`. */
  registry: string;
  tags: Record<string, LockedTag>;
}

export interface LockedTag {
  /** Manifest (or image index) digest the tag pointed at on `lastSeen`. */
  digest: string;
  mediaType?: string;
  /** `os/architecture[/variant]` → that platform's manifest digest. */
  platforms?: Record<string, string>;
  /** The image configuration's `User`; empty when the image sets none (runs as root). */
  user?: string;
  /** From the configuration's Python version variable (`PYTHON_VERSION`), e.g. `3.13.9`. */
  python?: string;
  os?: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  firstSeen: string;
  lastSeen: string;
  /** Day a sync first found the tag gone from the registry; absent while it is published. */
  removed?: string;
}

export class LockError extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Reads a lock's text; errors say what is wrong, so a hand-edited lock can be repaired. */
export function parseLock(text: string, source = 'lock file'): CatalogLock {
  let data: any;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new LockError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const problem = lockProblem(data);
  if (problem) throw new LockError(`${source} is not a valid tag catalog lock: ${problem}`);
  return data as CatalogLock;
}

function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tagProblem(tag: unknown, at: string): string | undefined {
  if (!isObj(tag)) return `${at} must be an object`;
  if (typeof tag.digest !== 'string' || !DIGEST.test(tag.digest)) return `${at}.digest must be a digest like sha256:…`;
  if (typeof tag.firstSeen !== 'string' || !DAY.test(tag.firstSeen)) return `${at}.firstSeen must be a date YYYY-MM-DD`;
  if (typeof tag.lastSeen !== 'string' || !DAY.test(tag.lastSeen)) return `${at}.lastSeen must be a date YYYY-MM-DD`;
  if (tag.removed !== undefined && (typeof tag.removed !== 'string' || !DAY.test(tag.removed))) return `${at}.removed must be a date YYYY-MM-DD`;
  for (const key of ['user', 'python', 'os', 'mediaType'] as const) {
    if (tag[key] !== undefined && typeof tag[key] !== 'string') return `${at}.${key} must be a string`;
  }
  for (const key of ['platforms', 'env', 'labels'] as const) {
    if (tag[key] !== undefined && !(isObj(tag[key]) && Object.values(tag[key]).every((v) => typeof v === 'string')))
      return `${at}.${key} must map names to strings`;
  }
  for (const key of ['cmd', 'entrypoint'] as const) {
    if (tag[key] !== undefined && !(Array.isArray(tag[key]) && tag[key].every((v: unknown) => typeof v === 'string')))
      return `${at}.${key} must be a list of strings`;
  }
  return undefined;
}

function lockProblem(data: any): string | undefined {
  if (!isObj(data)) return 'the top level must be an object';
  if (data.version !== 1) return `"version" must be 1 (this lock says ${JSON.stringify(data.version)})`;
  if (typeof data.profile !== 'string') return '"profile" must be a string';
  if (typeof data.syncedAt !== 'string' || !DAY.test(data.syncedAt)) return '"syncedAt" must be a date YYYY-MM-DD';
  if (!isObj(data.repositories)) return '"repositories" must be an object';
  for (const [name, repo] of Object.entries(data.repositories)) {
    if (!isObj(repo) || typeof repo.registry !== 'string' || !isObj(repo.tags)) return `repositories["${name}"] needs "registry" and "tags"`;
    for (const [tag, entry] of Object.entries(repo.tags)) {
      const p = tagProblem(entry, `repositories["${name}"].tags["${tag}"]`);
      if (p) return p;
    }
  }
  if (data.images !== undefined) {
    if (!isObj(data.images)) return '"images" must be an object';
    for (const [ref, entry] of Object.entries(data.images)) {
      const p = tagProblem(entry, `images["${ref}"]`);
      if (p) return p;
    }
  }
  return undefined;
}

/** The lock as text: keys in a fixed order, maps sorted, two-space indent, final newline — so diffs review well. */
export function serializeLock(lock: CatalogLock): string {
  const out = {
    version: lock.version,
    profile: lock.profile,
    syncedAt: lock.syncedAt,
    repositories: sortedMap(lock.repositories, (repo) => ({ registry: repo.registry, tags: sortedMap(repo.tags, orderedTag) })),
    ...(lock.images && Object.keys(lock.images).length ? { images: sortedMap(lock.images, orderedTag) } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function orderedTag(tag: LockedTag): LockedTag {
  const entry: Record<string, unknown> = { digest: tag.digest };
  if (tag.mediaType !== undefined) entry.mediaType = tag.mediaType;
  if (tag.platforms !== undefined) entry.platforms = sortedMap(tag.platforms, (v) => v);
  if (tag.os !== undefined) entry.os = tag.os;
  if (tag.user !== undefined) entry.user = tag.user;
  if (tag.python !== undefined) entry.python = tag.python;
  if (tag.env !== undefined) entry.env = sortedMap(tag.env, (v) => v);
  if (tag.labels !== undefined) entry.labels = sortedMap(tag.labels, (v) => v);
  if (tag.cmd !== undefined) entry.cmd = tag.cmd;
  if (tag.entrypoint !== undefined) entry.entrypoint = tag.entrypoint;
  entry.firstSeen = tag.firstSeen;
  entry.lastSeen = tag.lastSeen;
  if (tag.removed !== undefined) entry.removed = tag.removed;
  return entry as unknown as LockedTag;
}

/** Sorted by code unit, not locale, so every machine writes the same order. */
function sortedMap<T, U>(map: Record<string, T>, value: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const key of Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = value(map[key]);
  return out;
}

/** Whole days from `day` (YYYY-MM-DD) to `now`. */
export function daysSince(day: string, now: Date): number {
  const then = Date.parse(`${day}T00:00:00Z`);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((today - then) / 86_400_000);
}

/** "today", "yesterday", "12 days ago". */
export function daysAgo(day: string, now: Date): string {
  const days = daysSince(day, now);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** A tag the registry publishes (or once did), as the lock recorded it. */
export interface PublishedTag {
  name: string;
  entry: LockedTag;
  /** No longer in the registry. */
  gone: boolean;
}

/** Lookups over a lock by canonical repository name, built once per lock. */
export class LockIndex {
  private readonly repositories = new Map<string, LockedRepository>();
  private readonly images = new Map<string, LockedTag>();

  constructor(readonly lock: CatalogLock) {
    for (const [name, repo] of Object.entries(lock.repositories)) this.repositories.set(canonicalRepository(name), repo);
    for (const [ref, entry] of Object.entries(lock.images ?? {})) {
      const { repository, tag } = parseImageRef(ref);
      this.images.set(`${canonicalRepository(repository)}:${tag ?? 'latest'}`, entry);
    }
  }

  /** Whether the sync read this repository's tag list, so its absence of a tag means something. */
  knows(repository: string): boolean {
    return this.repositories.has(canonicalRepository(repository));
  }

  tag(repository: string, tag: string): PublishedTag | undefined {
    const entry = this.repositories.get(canonicalRepository(repository))?.tags[tag];
    return entry ? { name: tag, entry, gone: entry.removed !== undefined } : undefined;
  }

  /** Tags the registry publishes now, in the lock's (sorted) order. */
  published(repository: string): PublishedTag[] {
    const repo = this.repositories.get(canonicalRepository(repository));
    if (!repo) return [];
    return Object.entries(repo.tags)
      .filter(([, e]) => e.removed === undefined)
      .map(([name, entry]) => ({ name, entry, gone: false }));
  }

  /** An image inspected with `--image`, or a published tag of a synced repository. */
  image(repository: string, tag: string): LockedTag | undefined {
    const found = this.tag(repository, tag);
    if (found && !found.gone) return found.entry;
    return this.images.get(`${canonicalRepository(repository)}:${tag}`);
  }
}

/** The user a locked image ends as: an image that sets none runs as root. */
export function lockedUser(entry: LockedTag): string | undefined {
  if (entry.user === undefined) return undefined;
  return entry.user === '' ? 'root' : entry.user;
}

/** `3.13.9` → `3.13`. */
export function pythonMinor(version: string | undefined): string | undefined {
  const m = version && /^(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}` : undefined;
}
