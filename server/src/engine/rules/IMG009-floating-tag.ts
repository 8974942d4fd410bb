import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { newestRelease } from '../dockerfile/published';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * A floating tag — Defra's `latest` and `latest-<X.Y>`.
 *
 * ## Why
 *
 * A floating tag moves with every release of the parent images, so two builds of the same Dockerfile
 * can differ. The Defra standard versions its images as `<version>-python<X.Y.Z>` so services can pin
 * them. Information only: floating tags are published and valid.
 *
 * ## Examples
 *
 * ```dockerfile fails defra
 * FROM defradigital/python:latest-3.13 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ## Fix
 *
 * With a tag catalog lock, pins the newest published release: the release tag with the floating
 * tag's current digest, else the newest release for the same Python `X.Y` by version. Without a lock
 * (or when the lock has no release), the release the profile names as the tag's `replacement`.
 * Preferred, not applied by `--fix`: pinning freezes today's image, and a person decides when to move on.
 *
 * ## Suppressing
 *
 * Or turn the rule off: `--rule IMG009=off`, or the `rules` setting.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG009',
    name: 'floating-tag',
    language: 'dockerfile',
    severity: 'info',
    summary: 'A floating tag (`latest`, `latest-3.13`) moves with every release; pin a versioned tag for reproducible builds.',
    fixes: ['unsafe'],
    profileFields: ['repositories[].tags[].status', 'repositories[].tagPatterns[].kind', 'repositories[].tags[].replacement'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (!tagSpan || !tag) continue;
      const floating = (info?.kind === 'catalog' && info.tag.status === 'floating') || (info?.kind === 'pattern' && info.pattern.kind === 'floating');
      if (!floating) continue;
      // The registry knows the newest release; the profile's replacement is the fallback without a lock.
      const pinned = newestRelease(catalog, repository, tag, info.python) ?? (info.kind === 'catalog' ? info.tag.replacement : undefined);
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' moves with every release, so two builds of this Dockerfile can differ.`,
        // Pinning freezes today's image: a person decides when to move on.
        fixes: pinned ? [{ title: `Pin tag '${pinned}'`, edits: [replaceInImage(image, tagSpan, pinned)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
