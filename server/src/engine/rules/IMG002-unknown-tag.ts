import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, nearest } from '../dockerfile/images';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG002',
    name: 'unknown-tag',
    language: 'dockerfile',
    severity: 'error',
    summary: 'A tag of an approved repository must be one the standard publishes.',
  },
  check({ model, catalog }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (!tag || !tagSpan || info?.kind !== 'unknown') continue;
      const usable = catalog.stableTags(repository).filter((t) => t.status === 'stable' || t.status === 'floating').map((t) => t.name);
      const suggestions = nearest(tag, usable, 3);
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is not a tag of ${repository.name} that the standard publishes; use ${suggestions.map((s) => `'${s}'`).join(', ')} or another published tag.`,
        // Nearest by spelling, so a person confirms which image was meant.
        fixes: suggestions.map((s, i) => ({ title: `Use tag '${s}'`, edits: [replaceInImage(image, tagSpan, s)], preferred: i === 0, safe: false })),
      });
    }
  },
});
