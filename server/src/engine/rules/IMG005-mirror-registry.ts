import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * An approved image pulled through a known mirror — for Gen3, the private AWS ECR copy of
 * `quay.io/cdis/amazonlinux-base`; for Defra, local re-tags of the parent images.
 *
 * ## Why
 *
 * A mirror can lag behind the central repository or be unreachable from other environments; the
 * standard names the central repository so every build gets the same, current image.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase
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
 * Other repositories on the same registry as a mirror are [IMG001](IMG001.md)'s.
 *
 * ## Fix
 *
 * Replaces the repository with the central one and keeps the tag or digest. Preferred and safe: `--fix`
 * applies it.
 *
 * ## Suppressing
 *
 * For example for a build that must run inside a network that only reaches the mirror.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG005',
    name: 'mirror-registry',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'Pull approved images from their central repository, not from a mirror.',
    fixes: ['safe'],
    profileFields: ['repositories[].mirrors[].name'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, mirror } of approvedImages(model.stages, catalog)) {
      if (!mirror) continue;
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' is ${mirror.note}.`,
        // Same image, canonical source: the tag and digest stay as they are.
        fixes: [
          {
            title: `Pull from the central repository '${repository.name}'`,
            edits: [replaceInImage(image, image.ref.repositorySpan, repository.name)],
            preferred: true,
            applicability: 'safe',
          },
        ],
      });
    }
  },
});
