import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import type { Tag } from '../profile/schema';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG008',
    name: 'deprecated-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The tag is deprecated by the standard; move to its replacement.',
    fixes: ['safe', 'unsafe'],
  },
  check({ model, catalog }, report) {
    for (const { image, tag, info, repository, tagSpan } of approvedImages(model.stages, catalog)) {
      if (info?.kind !== 'catalog' || info.tag.status !== 'deprecated' || !tagSpan) continue;
      const { replacement, note } = info.tag;
      const successor = replacement === undefined ? undefined : repository.tags.find((t) => t.name === replacement);
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is deprecated${note ? `: ${note}` : ''}${replacement ? `; use '${replacement}'` : ''}.`,
        // Safe only when the successor is the same kind of image: same parent, Python version and user.
        fixes: replacement
          ? [{ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, tagSpan, replacement)], preferred: true, applicability: sameImage(info.tag, successor) ? 'safe' : 'unsafe' }]
          : [],
      });
    }
  },
});

function sameImage(old: Tag, successor: Tag | undefined): boolean {
  return !!successor && successor.from === old.from && successor.python === old.python && successor.user === old.user;
}
