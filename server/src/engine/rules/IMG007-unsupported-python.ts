import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, nearest } from '../dockerfile/images';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * A tag whose Python version the standard no longer supports: Gen3 supports Python 3.13 only
 * (`3.12-pythonbase` is reported); Defra supports stable versions that have not reached end of life
 * (3.12 and later). The version comes from the catalog entry or from the tag pattern's `python` group.
 *
 * ## Why
 *
 * Each standard supports a set of Python versions (Gen3: 3.13 only; Defra: stable versions that have
 * not reached end of life). An image for another version gets no security fixes from the image owners.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.12-pythonbase
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
 * ```dockerfile fails defra
 * FROM defradigital/python:1.0.0-python3.11.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ## Fix
 *
 * The nearest stable tag built for a supported version (`3.13-pythonbase`). Preferred, not applied by
 * `--fix`: a new Python version can break the application.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG007',
    name: 'unsupported-python',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The image is built for a Python version the standard no longer supports.',
    fixes: ['unsafe'],
    profileFields: ['python.supported', 'repositories[].tags[].python'],
  },
  check({ model, catalog, profile }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      const python = info && info.kind !== 'unknown' ? info.python : undefined;
      if (!tag || !tagSpan || !python || catalog.isSupportedPython(python)) continue;
      const supported = catalog
        .tagsStableFirst(repository)
        .filter((t) => t.status === 'stable' && t.python && catalog.isSupportedPython(t.python))
        .map((t) => t.name);
      const [closest] = nearest(tag.replace(python, profile.python.supported[profile.python.supported.length - 1]), supported, 1);
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is built for Python ${python}, which the standard no longer supports (supported: ${profile.python.supported.join(', ')}).`,
        // A new Python version can break the application: a person makes that move.
        fixes: closest ? [{ title: `Use tag '${closest}'`, edits: [replaceInImage(image, tagSpan, closest)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
