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
      if (image.ref.tag !== undefined || image.ref.digest !== undefined) continue;
      // The tag the stage convention recommends when it names this repository, else the repository's.
      const recommended = splitImage(catalog.recommendedImage(stage.alias));
      const tag = canonicalRepository(recommended.repository) === canonicalRepository(repository.name) && recommended.tag ? recommended.tag : catalog.recommendedTag(repository);
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' has no tag, so Docker pulls 'latest'${tag ? `; pin the stage to '${tag}'` : ''}.`,
        // Pinning picks which image the stage gets: offered first, but a person confirms it.
        fixes: tag ? [{ title: `Add tag '${tag}'`, edits: [replaceInImage(image, image.ref.repositorySpan, `${image.ref.repository}:${tag}`)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
