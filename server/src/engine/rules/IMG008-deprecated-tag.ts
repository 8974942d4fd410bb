import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG008',
    name: 'deprecated-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The tag is deprecated by the standard; move to its replacement.',
  },
  check({ model, catalog }, report) {
    for (const { image, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (info?.kind !== 'catalog' || info.tag.status !== 'deprecated' || !tagSpan) continue;
      const { replacement, note } = info.tag;
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is deprecated${note ? `: ${note}` : ''}${replacement ? `; use '${replacement}'` : ''}.`,
        // The replacement is the same image under its maintained name.
        fixes: replacement ? [{ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, tagSpan, replacement)], preferred: true, safe: true }] : [],
      });
    }
  },
});
