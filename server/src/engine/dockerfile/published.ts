import type { Catalog } from '../profile/catalog';
import { pythonMinor, type PublishedTag } from '../profile/lock';
import type { Repository } from '../profile/schema';

/**
 * Published tags a Dockerfile may move to: what the registry has now, less what the profile rejects,
 * deprecates or calls floating, and less feature-branch builds. Empty without a lock for the repository.
 */
export function publishedChoices(catalog: Catalog, repo: Repository): PublishedTag[] {
  return (catalog.lock?.published(repo.name) ?? []).filter((p) => {
    const info = catalog.tagInfo(repo, p.name);
    if (info.kind === 'catalog') return info.tag.status === 'stable';
    if (info.kind === 'pattern') return info.pattern.kind === 'release';
    return true;
  });
}

/** Numbers in a tag, in order: `2.2.1-python3.14.3` → [2, 2, 1, 3, 14, 3]. */
function versionOf(tag: string): number[] {
  return (tag.match(/\d+/g) ?? []).map(Number);
}

export function compareVersions(a: string, b: string): number {
  const x = versionOf(a);
  const y = versionOf(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The published release a floating tag stands for now: the release with the floating tag's digest, else
 * the newest published release (for the same Python X.Y when the floating tag names one).
 */
export function newestRelease(catalog: Catalog, repo: Repository, floating: string, python: string | undefined): string | undefined {
  const choices = publishedChoices(catalog, repo).filter((p) => {
    if (!python) return true;
    const info = catalog.tagInfo(repo, p.name);
    const version = info.kind === 'unknown' ? undefined : (info.python ?? pythonMinor(p.entry.python));
    return version === python;
  });
  const newest = (tags: PublishedTag[]) =>
    tags
      .map((t) => t.name)
      .sort(compareVersions)
      .pop();
  const digest = catalog.lockedTag(repo, floating)?.entry.digest;
  return newest(choices.filter((p) => digest && p.entry.digest === digest)) ?? newest(choices);
}
