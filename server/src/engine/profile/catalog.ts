import { own } from '../dict';
import { canonicalRepository, splitImage } from '../imageRef';
import { LockIndex, lockedUser, pythonMinor, type CatalogLock, type PublishedTag } from './lock';
import { compilePattern, type ProfilePattern } from './pattern';
import type { Profile, Repository, Tag, TagPattern } from './schema';

/** The OCI distribution spec's limit on a tag; a longer one cannot exist, so it is never matched. */
export const MAX_TAG_LENGTH = 128;

/**
 * What the profile knows about one tag of an approved repository; `published` is a tag the profile does
 * not describe but the registry publishes (from the lock).
 */
export type TagInfo =
  | { kind: 'catalog'; tag: Tag; python?: string }
  | { kind: 'pattern'; pattern: TagPattern; groups: Record<string, string>; python?: string }
  | { kind: 'published'; published: PublishedTag; python?: string }
  | { kind: 'unknown' };

/**
 * Whether the registry has a tag, by the lock: `published`, `gone` (seen by an earlier sync, since
 * removed), `unpublished` (the sync read the repository and never saw it), or `unsynced` (no lock, or the
 * lock does not cover the repository: judge by the profile alone, as without a lock).
 */
export type Publication = 'published' | 'gone' | 'unpublished' | 'unsynced';

export type RepositoryMatch = { kind: 'approved'; repository: Repository } | { kind: 'mirror'; repository: Repository; note: string } | { kind: 'none' };

/** Lookups over a profile, precomputed once per profile rather than per finding. */
export class Catalog {
  private readonly byName = new Map<string, Repository>();
  private readonly mirrors = new Map<string, { repository: Repository; note: string }>();
  private readonly patterns = new Map<TagPattern, ProfilePattern>();
  private readonly stagePatterns = new Map<string, ProfilePattern>();
  private readonly stageImages = new Map<string, string | null>();

  /** Canonical `repository:tag` → the profile's images built on it, directly or further down the chain. */
  private descendants?: Map<string, string[]>;

  /** What the registries published at the last `catalog sync`; absent without a lock. */
  readonly lock?: LockIndex;

  constructor(
    readonly profile: Profile,
    lock?: CatalogLock,
  ) {
    if (lock) this.lock = new LockIndex(lock);
    for (const repo of profile.repositories) {
      this.byName.set(canonicalRepository(repo.name), repo);
      for (const m of repo.mirrors ?? []) this.mirrors.set(canonicalRepository(m.name), { repository: repo, note: m.note });
      for (const p of repo.tagPatterns ?? []) this.patterns.set(p, compilePattern(p.regex));
    }
  }

  matchRepository(repository: string): RepositoryMatch {
    const canonical = canonicalRepository(repository);
    const approved = this.byName.get(canonical);
    if (approved) return { kind: 'approved', repository: approved };
    const mirror = this.mirrors.get(canonical);
    if (mirror) return { kind: 'mirror', ...mirror };
    return { kind: 'none' };
  }

  tagInfo(repo: Repository, tag: string): TagInfo {
    const entry = repo.tags.find((t) => t.name === tag);
    if (entry) return { kind: 'catalog', tag: entry, python: entry.python };
    if (tag.length > MAX_TAG_LENGTH) return { kind: 'unknown' };
    for (const pattern of repo.tagPatterns ?? []) {
      const groups = this.patterns.get(pattern)!.exec(tag);
      if (groups) return { kind: 'pattern', pattern, groups, python: groups.python };
    }
    const published = this.lock?.tag(repo.name, tag);
    if (published && !published.gone) return { kind: 'published', published, python: pythonMinor(published.entry.python) };
    return { kind: 'unknown' };
  }

  /** Whether the registry publishes `tag` of `repo`, as far as the lock knows. */
  publication(repo: Repository, tag: string): Publication {
    if (!this.lock?.knows(repo.name)) return 'unsynced';
    const found = this.lock.tag(repo.name, tag);
    return !found ? 'unpublished' : found.gone ? 'gone' : 'published';
  }

  /** The lock's record of a tag of an approved repository, published or gone. */
  lockedTag(repo: Repository, tag: string): PublishedTag | undefined {
    return this.lock?.tag(repo.name, tag);
  }

  /** The stable tag a feature-branch tag stands for, e.g. `feat_x-3.13-pythonbase` → `3.13-pythonbase`. */
  stableTagFor(info: TagInfo): string | undefined {
    if (info.kind !== 'pattern' || !info.pattern.stable) return undefined;
    return info.pattern.stable.replace(/\{(\w+)\}/g, (_, g: string) => own(info.groups, g) ?? '');
  }

  /**
   * The images `image` is built from, nearest first, as canonical `repository:tag`, by the `from` of the
   * profile's tags: `quay.io/cdis/amazonlinux-base:3.13-pythonbase` → `…:3.13-buildbase`, `…:hardened`,
   * `public.ecr.aws/amazonlinux/amazonlinux:2023`.
   */
  lineage(image: string): string[] {
    const chain: string[] = [];
    let { repository, tag } = splitImage(image);
    for (;;) {
      const repo = this.byName.get(canonicalRepository(repository));
      const entry = repo && tag !== undefined ? repo.tags.find((t) => t.name === tag) : undefined;
      if (!repo || !entry) return chain;
      // `from` is another tag of the same repository (`hardened`) or a whole image.
      const parent = repo.tags.some((t) => t.name === entry.from) ? { repository, tag: entry.from } : splitImage(entry.from);
      const key = imageKey(parent.repository, parent.tag);
      if (chain.includes(key)) return chain;
      chain.push(key);
      ({ repository, tag } = parent);
    }
  }

  /** The profile's images (`repository:tag` as the profile writes them) built on this image, at any depth. */
  builtOn(repository: string, tag: string | undefined): string[] {
    if (!this.descendants) {
      this.descendants = new Map();
      for (const repo of this.profile.repositories) {
        for (const t of repo.tags) {
          const image = `${repo.name}:${t.name}`;
          for (const ancestor of this.lineage(image)) this.descendants.set(ancestor, [...(this.descendants.get(ancestor) ?? []), image]);
        }
      }
    }
    return this.descendants.get(imageKey(repository, tag)) ?? [];
  }

  /** Whether `image` is built on any image of `repository` (its lineage passes through it). */
  isBuiltOnRepository(image: string, repository: string): boolean {
    const prefix = `${canonicalRepository(repository)}:`;
    return this.lineage(image).some((key) => key.startsWith(prefix));
  }

  isSupportedPython(version: string): boolean {
    return this.profile.python.supported.includes(version);
  }

  /** All the repository's tags, stable first, then floating, deprecated, rejected: for completions and "did you mean" fixes. */
  tagsStableFirst(repo: Repository): Tag[] {
    const order = { stable: 0, floating: 1, deprecated: 2, rejected: 3 } as const;
    return [...repo.tags].sort((a, b) => order[a.status] - order[b.status]);
  }

  /**
   * The user an image of this repository and tag ends as: the image configuration's `User` where the
   * lock has it, else what the profile says.
   */
  userOf(repo: Repository, tag: string | undefined): string | undefined {
    if (tag === undefined) return undefined;
    const locked = this.lock?.image(repo.name, tag);
    const fromImage = locked && lockedUser(locked);
    if (fromImage) return fromImage;
    const info = this.tagInfo(repo, tag);
    if (info.kind === 'catalog') return info.tag.user;
    if (info.kind === 'pattern') return info.pattern.user;
    return undefined;
  }

  /** The user an image outside the catalog ends as, when a sync inspected it (`catalog sync --image`). */
  imageUserOf(repository: string, tag: string | undefined): string | undefined {
    const locked = this.lock?.image(repository, tag ?? 'latest');
    return locked && lockedUser(locked);
  }

  /** The image the profile recommends for a stage by its alias, if a stage convention names one. */
  stageRecommendation(stageName: string | undefined): string | undefined {
    if (!stageName) return undefined;
    // Remembered per name: the patterns run on a linear-time engine that is slow to start, and every
    // stage asks once per rule (3.7% of a 2,000-Dockerfile run). Bounded, since names come from the files.
    let found = this.stageImages.get(stageName);
    if (found === undefined) {
      if (this.stageImages.size >= 4096) this.stageImages.clear();
      found = this.profile.recommendations.stages?.find((s) => this.stagePattern(s.stageName).test(stageName))?.image ?? null;
      this.stageImages.set(stageName, found);
    }
    return found ?? undefined;
  }

  private stagePattern(source: string): ProfilePattern {
    let pattern = this.stagePatterns.get(source);
    if (!pattern) this.stagePatterns.set(source, (pattern = compilePattern(source, true)));
    return pattern;
  }

  /** The image the profile recommends for a stage, by its alias. */
  recommendedImage(stageName: string | undefined): string {
    return this.stageRecommendation(stageName) ?? this.profile.recommendations.default;
  }

  recommendedTag(repo: Repository): string | undefined {
    for (const image of [this.profile.recommendations.default, ...(this.profile.recommendations.stages ?? []).map((s) => s.image)]) {
      const { repository, tag } = splitImage(image);
      if (canonicalRepository(repository) === canonicalRepository(repo.name) && tag) return tag;
    }
    return this.tagsStableFirst(repo).find((t) => t.status === 'stable')?.name;
  }

  repositoryWithRole(role: Repository['role']): Repository | undefined {
    return this.profile.repositories.find((r) => r.role === role);
  }

  retired(repository: string) {
    const canonical = canonicalRepository(repository);
    return this.profile.retired?.find((r) => canonicalRepository(r.name) === canonical);
  }

  /** Whether the standard accepts running as `user`: the named user, or under `require: non-root` any user but root. */
  meetsUserRequirement(user: string): boolean {
    return this.profile.user.require === 'non-root' ? !isRootUser(user) : this.isRequiredUser(user);
  }

  /** Whether `user` (`name`, `uid`, `name:group`, `uid:gid`, …) is the profile's runtime user. */
  isRequiredUser(user: string): boolean {
    const { name, uid, gid, group } = this.profile.user;
    const [u, g] = user.split(':');
    const userOk = u === name || u === String(uid);
    const groupOk = g === undefined || g === group || g === String(gid);
    return userOk && groupOk;
  }
}

/** One spelling per image, for comparing lineages: canonical repository, tag (`latest` when none). */
function imageKey(repository: string, tag: string | undefined): string {
  return `${canonicalRepository(repository)}:${tag || 'latest'}`;
}

export function isRootUser(user: string): boolean {
  const u = user.split(':')[0];
  return u === 'root' || u === '0';
}
