import { buildModel, rangeContains, type Catalog, type Position, type Range } from '../engine';
import { describeTag } from './describe';

export interface ImageHover {
  range: Range;
  /** Markdown. */
  contents: string;
}

/**
 * What the standard says about the image a FROM names: its lineage, contents, user and status.
 * `reported` holds the codes of the findings on that image: their messages show beside the hover, so it
 * leaves out what they already say (an unapproved repository, a mirror, an unknown or deprecated tag).
 */
export function hoverImage(
  text: string,
  position: Position,
  catalog: Catalog,
  buildArgs?: Record<string, string>,
  reported: ReadonlySet<string> = new Set(),
): ImageHover | undefined {
  const model = buildModel(text, buildArgs);
  const stage = model.stages.find((s) => {
    const written = s.from.getImageRange();
    return written && rangeContains(written, position);
  });
  if (stage?.parent) {
    const range = stage.from.getImageRange()!;
    return { range, contents: `Build stage \`${stage.parent.alias}\` (line ${stage.parent.from.getRange().start.line + 1}).` };
  }
  if (!stage?.image) return undefined;
  const { range, ref, unresolved } = stage.image;
  if (unresolved.length) {
    if (reported.has('IMG006')) return undefined;
    return { range, contents: `Cannot tell which image this is: ${unresolved.map((u) => `\`${u.name}\``).join(', ')} has no value.` };
  }
  const match = catalog.matchRepository(ref.repository);
  if (match.kind === 'none') {
    if (reported.has('IMG001')) return undefined;
    return { range, contents: `\`${ref.repository}\` is not an approved repository of the ${catalog.profile.title}.` };
  }
  const repo = match.repository;
  const sections: string[] = [];
  if (match.kind === 'mirror' && !reported.has('IMG005')) sections.push(`Mirror of \`${repo.name}\`: ${match.note}.`);
  const info = ref.tag === undefined ? undefined : catalog.tagInfo(repo, ref.tag);
  if (ref.tag === undefined)
    sections.push(ref.digest ? `**${repo.name}** pinned by digest.\n\n${repo.description}` : `**${repo.name}** with no tag.\n\n${repo.description}`);
  else if (info?.kind === 'unknown' && reported.has('IMG002')) sections.push(`**${repo.name}**\n\n${repo.description}`);
  else sections.push(describeTag(catalog, repo, info!, ref.tag, undefined, { omitStatusNote: reported.has('IMG008') }));
  return { range, contents: sections.join('\n\n---\n\n') };
}
