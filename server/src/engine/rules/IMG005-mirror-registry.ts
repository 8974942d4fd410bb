import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG005',
    name: 'mirror-registry',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'Pull approved images from their central repository, not from a mirror.',
    fixes: ['safe'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, mirror } of approvedImages(model.stages, catalog)) {
      if (!mirror) continue;
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' is ${mirror.note}; pull '${repository.name}' instead.`,
        // Same image, canonical source: the tag and digest stay as they are.
        fixes: [{ title: `Use '${repository.name}'`, edits: [replaceInImage(image, image.ref.repositorySpan, repository.name)], preferred: true, applicability: 'safe' }],
      });
    }
  },
});
