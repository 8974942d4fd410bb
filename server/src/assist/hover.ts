import { buildModel, rangeContains, type Catalog, type Position, type Range } from '../engine';
import { describeTag } from './describe';

export interface ImageHover {
  range: Range;
  /** Markdown. */
  contents: string;
}

/** What the standard says about the image a FROM names: its lineage, contents, user and status. */
export function hoverImage(text: string, position: Position, catalog: Catalog, buildArgs?: Record<string, string>): ImageHover | undefined {
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
    return { range, contents: `Cannot tell which image this is: ${unresolved.map((u) => `\`${u.name}\``).join(', ')} has no value.` };
  }
  const match = catalog.matchRepository(ref.repository);
  if (match.kind === 'none') {
    return { range, contents: `\`${ref.repository}\` is not an approved repository of the ${catalog.profile.title}.` };
  }
  const repo = match.repository;
  const sections: string[] = [];
  if (match.kind === 'mirror') sections.push(`Mirror of \`${repo.name}\`: ${match.note}.`);
  if (ref.tag === undefined) sections.push(ref.digest ? `**${repo.name}** pinned by digest.\n\n${repo.description}` : `**${repo.name}** with no tag.\n\n${repo.description}`);
  else sections.push(describeTag(catalog, repo, catalog.tagInfo(repo, ref.tag), ref.tag));
  return { range, contents: sections.join('\n\n---\n\n') };
}
