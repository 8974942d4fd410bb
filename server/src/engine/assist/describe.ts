import { parseImageRef } from '../imageRef';
import type { Catalog, TagInfo } from '../profile/catalog';
import type { Repository, Tag } from '../profile/schema';

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

const STATUS: Record<Tag['status'], string> = {
  stable: 'stable',
  floating: 'floating: moves with every release; pin a version for reproducible builds',
  deprecated: 'deprecated',
  rejected: 'not allowed by the standard',
};

/** Markdown shown in completions and hovers for one tag of an approved repository. */
export function describeTag(catalog: Catalog, repo: Repository, info: TagInfo): string {
  if (info.kind === 'catalog') {
    const { tag } = info;
    const lines = [
      `**${repo.name}:${tag.name}** — ${STATUS[tag.status]}`,
      '',
      `\`${lineage(catalog, repo, tag).join(' → ')}\``,
      '',
      tag.contains + '.',
      '',
      `Runs as \`${tag.user}\`.` + (tag.python ? ` Python ${tag.python}.` : ''),
    ];
    if (tag.replacement) lines.push('', `Use \`${tag.replacement}\` instead.`);
    if (tag.note) lines.push('', tag.note);
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

/** One line for a completion's detail: where the tag comes from and who it runs as. */
export function tagDetail(tag: Tag): string {
  const status = tag.status === 'stable' ? '' : ` (${tag.status})`;
  return `FROM ${tag.from} · user ${tag.user}${status}`;
}
