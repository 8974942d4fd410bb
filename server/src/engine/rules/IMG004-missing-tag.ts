import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { canonicalRepository, splitImage } from '../imageRef';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG004',
    name: 'missing-tag',
    language: 'dockerfile',
    severity: 'error',
    summary: 'An approved image needs an explicit tag (or digest); without one Docker pulls `latest`.',
    fixes: ['unsafe'],
    equivalents: { hadolint: ['DL3006'] },
  },
  check({ model, catalog }, report) {
    for (const { stage, image, repository } of approvedImages(model.stages, catalog)) {
      const { tag: written, tagSpan, digest } = image.ref;
      // The tag the stage convention recommends when it names this repository, else the repository's.
      const recommended = splitImage(catalog.recommendedImage(stage.alias));
      const tag =
        canonicalRepository(recommended.repository) === canonicalRepository(repository.name) && recommended.tag
          ? recommended.tag
          : catalog.recommendedTag(repository);
      if (written === '' && tagSpan) {
        // `image:` names no image at all: Docker stops with "invalid reference format".
        report({
          range: image.locate([0, tagSpan[0]]),
          message: `'${image.ref.text}' has an empty tag after ':', which Docker refuses as an invalid reference${tag ? `; pin the stage to '${tag}'` : ''}.`,
          // The edit covers the repository and the colon: an empty span has no place of its own to map to.
          fixes: tag ? [{ title: `Add tag '${tag}'`, edits: [replaceInImage(image, [0, tagSpan[0]], `${image.ref.text.slice(0, tagSpan[0])}${tag}`)], preferred: true, applicability: 'unsafe' }] : [],
        });
        continue;
      }
      if (written !== undefined || digest !== undefined) continue;
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' has no tag, so Docker pulls 'latest'${tag ? `; pin the stage to '${tag}'` : ''}.`,
        // Pinning picks which image the stage gets: offered first, but a person confirms it.
        fixes: tag ? [{ title: `Add tag '${tag}'`, edits: [replaceInImage(image, image.ref.repositorySpan, `${image.ref.repository}:${tag}`)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
