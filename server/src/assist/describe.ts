import { daysAgo, lockedUser, parseImageRef, type Catalog, type LockedTag, type Repository, type Tag, type TagInfo } from '../engine';

/**
 * How a tag came to be: `hardened → 3.13-buildbase → 3.13-pythonbase`, following each tag's `from`
 * inside its repository and across the profile's other repositories, starting at the outside image.
 */
export function lineage(catalog: Catalog, repo: Repository, tag: Tag): string[] {
  const chain: string[] = [tag.name];
  const seen = new Set<Tag>([tag]);
  let current = { repo, tag };
  for (;;) {
    const parent = parentOf(catalog, current.repo, current.tag);
    if (!parent) {
      chain.unshift(current.tag.from);
      break;
    }
    if (seen.has(parent.tag)) break;
    seen.add(parent.tag);
    chain.unshift(parent.repo === repo ? parent.tag.name : `${parent.repo.name}:${parent.tag.name}`);
    current = parent;
  }
  return chain;
}

function parentOf(catalog: Catalog, repo: Repository, tag: Tag): { repo: Repository; tag: Tag } | undefined {
  const sibling = repo.tags.find((t) => t.name === tag.from);
  if (sibling) return { repo, tag: sibling };
  const ref = parseImageRef(tag.from);
  const match = catalog.matchRepository(ref.repository);
  if (match.kind !== 'approved' || !ref.tag) return undefined;
  const other = match.repository.tags.find((t) => t.name === ref.tag);
  return other ? { repo: match.repository, tag: other } : undefined;
}

/** Longest reference shown whole in a lineage: the completion details pane is about 40 characters of code wide. */
const WHOLE_STEP = 36;

/**
 * One lineage step: a code span each, so the line wraps between steps, and a long reference as
 * `name:tag` (registry/path), since a browser will not break inside it and the pane would cut it off.
 */
function stepMarkdown(step: string): string {
  const slash = step.lastIndexOf('/');
  if (step.length <= WHOLE_STEP || slash < 0) return `\`${step}\``;
  return `\`${step.slice(slash + 1)}\` (${step.slice(0, slash)})`;
}

const STATUS: Record<Tag['status'], string> = {
  stable: 'stable',
  floating: 'floating: moves with every release; pin a version for reproducible builds',
  deprecated: 'deprecated',
  rejected: 'not allowed by the standard',
};

/**
 * Markdown shown in completions and hovers for one tag of an approved repository. `omitStatusNote`
 * leaves out the replacement and note of a deprecated tag, when a diagnostic beside it says them.
 */
export function describeTag(catalog: Catalog, repo: Repository, info: TagInfo, tagName?: string, now = new Date(), { omitStatusNote = false } = {}): string {
  const name = info.kind === 'catalog' ? info.tag.name : info.kind === 'published' ? info.published.name : tagName;
  const locked = name === undefined ? undefined : catalog.lockedTag(repo, name);
  const profileText = describeFromProfile(catalog, repo, info, omitStatusNote);
  if (!locked) {
    if (name !== undefined && catalog.publication(repo, name) === 'unpublished') {
      return `${profileText}

**Not published:** the registry had no tag \`${name}\` at the sync of ${catalog.lock!.lock.syncedAt}.`;
    }
    return profileText;
  }
  return `${profileText}

${describeLocked(locked.entry, now)}`;
}

/** What the registry said about a tag at the last sync. */
export function describeLocked(entry: LockedTag, now = new Date()): string {
  const user = lockedUser(entry);
  const lines = [
    entry.removed
      ? `**Gone from the registry:** last seen ${entry.lastSeen} (${daysAgo(entry.lastSeen, now)}), first seen ${entry.firstSeen}.`
      : `**Registry:** last seen ${daysAgo(entry.lastSeen, now)} (${entry.lastSeen}), first seen ${entry.firstSeen}.`,
    '',
    `Digest \`${entry.digest}\``,
  ];
  const platforms = Object.keys(entry.platforms ?? {});
  if (platforms.length) lines.push('', `Platforms: ${platforms.join(', ')}`);
  const facts = [user ? `runs as \`${user}\`` : undefined, entry.python ? `Python ${entry.python}` : undefined].filter(Boolean);
  if (facts.length) lines.push('', `Image configuration: ${facts.join(', ')}.`);
  return lines.join('\n');
}

function describeFromProfile(catalog: Catalog, repo: Repository, info: TagInfo, omitStatusNote: boolean): string {
  if (info.kind === 'published') return `**${repo.name}:${info.published.name}** — published; the standard does not describe this tag.`;
  if (info.kind === 'catalog') {
    const { tag } = info;
    const lines = [
      `**${repo.name}:${tag.name}** — ${STATUS[tag.status]}`,
      '',
      lineage(catalog, repo, tag).map(stepMarkdown).join(' → '),
      '',
      tag.contains + '.',
      '',
      `Runs as \`${tag.user}\`.` + (tag.python ? ` Python ${tag.python}.` : ''),
    ];
    if (tag.replacement && !omitStatusNote) lines.push('', `Use \`${tag.replacement}\` instead.`);
    if (tag.note && !omitStatusNote) lines.push('', tag.note);
    return lines.join('\n');
  }
  if (info.kind === 'pattern') {
    const { pattern } = info;
    const stable = catalog.stableTagFor(info);
    const kind = pattern.kind === 'feature-branch' ? 'feature-branch tag' : `${pattern.kind} tag`;
    const lines = [`**${kind}** \`${pattern.pattern}\``, '', pattern.description + '.', '', `Runs as \`${pattern.user}\`.`];
    if (stable) lines.push('', `Stable equivalent: \`${stable}\`.`);
    return lines.join('\n');
  }
  return `Not a tag of \`${repo.name}\` that the standard knows.`;
}

/** One line for a completion's detail: where the tag comes from and who it runs as (the image's own user when locked). */
export function tagDetail(tag: Tag, locked?: LockedTag): string {
  const status = tag.status === 'stable' ? '' : ` (${tag.status})`;
  const user = (locked && lockedUser(locked)) ?? tag.user;
  return `FROM ${tag.from} · user ${user}${status}${locked ? ` · ${shortDigest(locked.digest)}` : ''}`;
}

/** Detail for a tag only the registry knows. */
export function publishedDetail(entry: LockedTag): string {
  const user = lockedUser(entry);
  return ['published', user && `user ${user}`, entry.python && `Python ${entry.python}`, shortDigest(entry.digest)].filter(Boolean).join(' · ');
}

function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `${algorithm}:${hex.slice(0, 12)}`;
}
