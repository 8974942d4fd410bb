import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { canonicalRepository, splitImage } from '../imageRef';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * A stage builds on an approved repository with neither a tag nor a digest. The range covers the
 * repository name.
 *
 * An empty tag (`FROM quay.io/cdis/amazonlinux-base:`) is reported too: Docker refuses such a reference
 * ("invalid reference format"), so the build stops. The range covers the repository and the colon. Both
 * apply on the profile's mirrors as well (where [IMG005](IMG005.md) also moves the image to the central
 * repository).
 *
 * ## Why
 *
 * Without a tag Docker pulls `latest`: for Gen3 the non-hardened Amazon Linux image outside the
 * Python chain, for Defra a floating tag. The build then changes under the service without any edit.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile fails defra
 * FROM defradigital/python AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ## Fix
 *
 * Adds the tag the profile recommends for the stage (a stage named like `builder` gets
 * `3.13-buildbase`, others `3.13-pythonbase`; Defra `2.7.0-python3.14.6`). Preferred, but not applied
 * by `--fix`: which image a stage gets is a person's decision.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG004',
    name: 'missing-tag',
    language: 'dockerfile',
    severity: 'error',
    summary: 'An approved image needs an explicit tag (or digest); without one Docker pulls `latest`.',
    fixes: ['unsafe'],
    equivalents: { hadolint: ['DL3006'] },
    profileFields: ['recommendations.default', 'recommendations.stages[].image', 'repositories[].tags[].status'],
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
          message: `'${image.ref.text}' has an empty tag after ':', which Docker refuses as an invalid reference.`,
          // The edit covers the repository and the colon: an empty span has no place of its own to map to.
          fixes: tag
            ? [
                {
                  title: `Add tag '${tag}'`,
                  edits: [replaceInImage(image, [0, tagSpan[0]], `${image.ref.text.slice(0, tagSpan[0])}${tag}`)],
                  preferred: true,
                  applicability: 'unsafe',
                },
              ]
            : [],
        });
        continue;
      }
      if (written !== undefined || digest !== undefined) continue;
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' has no tag, so Docker pulls 'latest'.`,
        // Pinning picks which image the stage gets: offered first, but a person confirms it.
        fixes: tag
          ? [
              {
                title: `Add tag '${tag}'`,
                edits: [replaceInImage(image, image.ref.repositorySpan, `${image.ref.repository}:${tag}`)],
                preferred: true,
                applicability: 'unsafe',
              },
            ]
          : [],
      });
    }
  },
});
