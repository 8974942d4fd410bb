import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, nearest } from '../dockerfile/images';
import { publishedChoices } from '../dockerfile/published';
import type { Tag } from '../profile/schema';
import { defineRule } from '../rule';
import type { Fix } from '../types';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG008',
    name: 'deprecated-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The tag is deprecated by the standard, or has disappeared from the registry since it was first seen; move to its replacement.',
    fixes: ['safe', 'unsafe', 'suggestion'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (!tag || !tagSpan) continue;
      const deprecated = info?.kind === 'catalog' && info.tag.status === 'deprecated' ? info.tag : undefined;
      const gone = catalog.publication(repository, tag) === 'gone' ? catalog.lockedTag(repository, tag) : undefined;
      if (!deprecated && !gone) continue;
      const replacement = deprecated?.replacement;
      const successor = replacement === undefined ? undefined : repository.tags.find((t) => t.name === replacement);
      const fixes: Fix[] = [];
      // Safe only when the successor is the same kind of image: same parent, Python version and user.
      if (replacement) {
        fixes.push({ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, tagSpan, replacement)], preferred: true, applicability: sameImage(deprecated!, successor) ? 'safe' : 'unsafe' });
      }
      let message: string;
      if (gone) {
        const others = replacement ? [] : nearest(tag, publishedChoices(catalog, repository).map((p) => p.name), 3);
        // Nearest by spelling: a guess that a person confirms.
        others.forEach((s, i) => fixes.push({ title: `Use tag '${s}'`, edits: [replaceInImage(image, tagSpan, s)], preferred: i === 0, applicability: 'suggestion' }));
        const instead = replacement ?? others[0];
        message = `'${tag}' is no longer published in ${repository.name}: first seen ${gone.entry.firstSeen}, last seen ${gone.entry.lastSeen}${instead ? `; use '${instead}'` : ''}.`;
      } else {
        message = `'${tag}' is deprecated${deprecated!.note ? `: ${deprecated!.note}` : ''}${replacement ? `; use '${replacement}'` : ''}.`;
      }
      report({ range: image.locate(tagSpan), message, fixes });
    }
  },
});

function sameImage(old: Tag, successor: Tag | undefined): boolean {
  return !!successor && successor.from === old.from && successor.python === old.python && successor.user === old.user;
}
