import { parseImageRef, type CatalogLock, type LockedRepository, type LockedTag, type Profile } from '../engine';
import { addressOf, DOCKER_LIST, OCI_INDEX, RegistryError, type RegistryClient, type RepositoryAddress } from './registry';

/** Image configuration media types whose `config` we read (others, e.g. Helm charts, keep only their digest). */
const CONFIG_TYPES = new Set(['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json']);

export class SyncError extends Error {
  constructor(
    readonly repository: string,
    readonly reason: string,
  ) {
    super(`${repository}: ${reason}`);
  }
}

export interface SyncProgress {
  repository: string;
  done: number;
  total: number;
}

export interface SyncOptions {
  profile: Profile;
  client: RegistryClient;
  /** The lock as it is now: first-seen days, and digests whose facts need not be read again. */
  previous?: CatalogLock;
  /** Images outside the catalog to inspect (`--image`), besides those the previous lock has. */
  images?: string[];
  now?: Date;
  progress?: (p: SyncProgress) => void;
}

export interface SyncResult {
  lock: CatalogLock;
  /** Mirrors that could not be read: the sync keeps their previous entries and says why. */
  warnings: string[];
  tags: number;
}

/**
 * Reads every approved repository and mirror of the profile from its registry and returns the new lock.
 * An approved repository that cannot be read fails the whole sync (SyncError), so a lock is never
 * written half-true; a mirror that cannot be read (a private mirror, a local build name) keeps its
 * previous entry with a warning.
 */
export async function syncCatalog(options: SyncOptions): Promise<SyncResult> {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const previous = options.previous;
  const facts = new Map<string, Promise<Facts>>();
  const warnings: string[] = [];
  const targets = options.profile.repositories.flatMap((repo) => [
    { name: repo.name, mirror: false },
    ...(repo.mirrors ?? []).map((m) => ({ name: m.name, mirror: true })),
  ]);
  let tags = 0;
  const repositories: Record<string, LockedRepository> = {};
  await Promise.all(
    targets.map(async ({ name, mirror }) => {
      const address = addressOf(name);
      const before = previous?.repositories[name];
      try {
        repositories[name] = await syncRepository(options, address, before, today, facts);
        tags += Object.values(repositories[name].tags).filter((t) => !t.removed).length;
      } catch (e) {
        const reason = e instanceof RegistryError || e instanceof SyncError ? e.message : String((e as Error)?.message ?? e);
        if (!mirror) throw new SyncError(name, reason);
        warnings.push(`mirror ${name} not synced: ${reason}`);
        if (before) repositories[name] = before;
      }
    }),
  );
  const images: Record<string, LockedTag> = {};
  const refs = [...new Set([...Object.keys(previous?.images ?? {}), ...(options.images ?? [])])];
  await Promise.all(
    refs.map(async (ref) => {
      const { repository, tag, digest } = parseImageRef(ref);
      const address = addressOf(repository);
      try {
        const reference = digest ?? tag ?? 'latest';
        const entry = await inspect(options.client, address, reference, previous?.images?.[ref], today, facts);
        if (!entry) throw new RegistryError(`no tag '${reference}'`, 404);
        images[ref] = entry;
      } catch (e) {
        throw new SyncError(ref, e instanceof Error ? e.message : String(e));
      }
    }),
  );
  const lock: CatalogLock = { version: 1, profile: options.profile.id, syncedAt: today, repositories, ...(refs.length ? { images } : {}) };
  return { lock, warnings, tags };
}

async function syncRepository(
  options: SyncOptions,
  address: RepositoryAddress,
  before: LockedRepository | undefined,
  today: string,
  facts: Map<string, Promise<Facts>>,
): Promise<LockedRepository> {
  const names = await options.client.tags(address);
  const result: Record<string, LockedTag> = {};
  let done = 0;
  options.progress?.({ repository: address.name, done, total: names.length });
  await Promise.all(
    names.map(async (tag) => {
      const entry = await inspect(options.client, address, tag, before?.tags[tag], today, facts);
      if (entry) result[tag] = entry;
      options.progress?.({ repository: address.name, done: ++done, total: names.length });
    }),
  );
  // Tags seen before and gone now stay in the lock, marked, so IMG008 can say so.
  for (const [tag, old] of Object.entries(before?.tags ?? {})) {
    if (!result[tag]) result[tag] = old.removed ? old : { ...old, removed: today };
  }
  return { registry: address.registry, tags: result };
}

/**
 * The lock entry for one tag (or digest): `HEAD` for its digest, and when the digest is new, the
 * manifest and image configuration. `undefined` when the tag vanished between listing and reading.
 */
async function inspect(
  client: RegistryClient,
  address: RepositoryAddress,
  reference: string,
  old: LockedTag | undefined,
  today: string,
  facts: Map<string, Promise<Facts>>,
): Promise<LockedTag | undefined> {
  try {
    const digest = reference.startsWith('sha256:') ? reference : await client.digestOf(address, reference);
    const seen = { firstSeen: old?.firstSeen ?? today, lastSeen: today };
    if (digest && old && old.digest === digest) {
      const { removed: _removed, ...kept } = old;
      return { ...kept, ...seen };
    }
    const key = digest ? `${address.host}/${address.path}@${digest}` : `${address.host}/${address.path}:${reference}`;
    let pending = facts.get(key);
    if (!pending) {
      pending = readFacts(client, address, digest ?? reference);
      facts.set(key, pending);
    }
    return { ...(await pending), ...seen };
  } catch (e) {
    if (e instanceof RegistryError && e.status === 404 && !reference.startsWith('sha256:')) return undefined;
    throw e;
  }
}

type Facts = Omit<LockedTag, 'firstSeen' | 'lastSeen' | 'removed'>;

async function readFacts(client: RegistryClient, address: RepositoryAddress, reference: string): Promise<Facts> {
  const top = await client.manifest(address, reference);
  const facts: Facts = { digest: top.digest, mediaType: top.mediaType || undefined };
  let manifest = top.json;
  if (top.mediaType === OCI_INDEX || top.mediaType === DOCKER_LIST || Array.isArray(top.json.manifests)) {
    const platforms: Record<string, string> = {};
    for (const m of (top.json.manifests ?? []) as any[]) {
      const p = m?.platform;
      // Build attestations are listed as unknown/unknown: not a platform anyone runs.
      if (!p || typeof p.os !== 'string' || typeof p.architecture !== 'string' || p.os === 'unknown') continue;
      if (typeof m.digest !== 'string') continue;
      platforms[[p.os, p.architecture, p.variant].filter(Boolean).join('/')] = m.digest;
    }
    facts.platforms = platforms;
    const chosen = platforms['linux/amd64'] ?? Object.values(platforms)[0];
    if (!chosen) return facts;
    manifest = (await client.manifest(address, chosen)).json;
  }
  const config = manifest?.config;
  if (!config || typeof config.digest !== 'string' || (config.mediaType && !CONFIG_TYPES.has(config.mediaType))) return facts;
  const image = await client.blobJson(address, config.digest);
  if (!facts.platforms && typeof image.os === 'string' && typeof image.architecture === 'string') {
    facts.platforms = { [[image.os, image.architecture, image.variant].filter(Boolean).join('/')]: top.digest };
  }
  Object.assign(facts, configFacts(image));
  return facts;
}

/** What the rules and hovers use from an image configuration: user, OS, Python, PATH, labels, entry. */
export function configFacts(image: any): Partial<Facts> {
  const c = image?.config ?? {};
  const out: Partial<Facts> = { user: typeof c.User === 'string' ? c.User : '' };
  if (typeof image?.os === 'string') out.os = image.os;
  const env: Record<string, string> = {};
  for (const item of Array.isArray(c.Env) ? c.Env : []) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    // PATH and Python version variables only: the rest of Env is none of the standard's business.
    if (name === 'PATH' || /^(PYTHON|PY)_?VERSION$/i.test(name)) env[name] = eq < 0 ? '' : item.slice(eq + 1);
  }
  if (Object.keys(env).length) out.env = env;
  const python = Object.entries(env).find(([k]) => k !== 'PATH')?.[1];
  if (python && /^\d+\.\d+/.test(python)) out.python = python;
  if (c.Labels && typeof c.Labels === 'object') {
    const labels = Object.fromEntries(Object.entries(c.Labels).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    if (Object.keys(labels).length) out.labels = labels;
  }
  if (Array.isArray(c.Cmd)) out.cmd = c.Cmd.filter((x: unknown) => typeof x === 'string');
  if (Array.isArray(c.Entrypoint)) out.entrypoint = c.Entrypoint.filter((x: unknown) => typeof x === 'string');
  return out;
}
