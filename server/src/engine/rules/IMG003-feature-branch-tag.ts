import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * Gen3 tags images built from feature branches as `<branch>-<python>-<component>` (e.g.
 * `feat_x-3.13-pythonbase`, `fix-feature-3.13-buildbase`) and `<branch>-hardened`. A service should ship
 * on the stable tag.
 *
 * ## Why
 *
 * Branch builds exist to test a change to the base images before it is released, and can change or
 * disappear at any time: a service shipped on one runs an image that was never released.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:feat_x-3.13-pythonbase
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
 * Defra publishes no branch builds, so its profile has no such pattern and the rule never fires under it.
 *
 * ## Fix
 *
 * The stable tag the branch build stands for (`3.13-pythonbase`, `hardened`), from the pattern's
 * `stable` template. Preferred, and **unsafe**: a developer who writes a branch tag is usually testing that
 * branch, so neither `--fix` nor fix-on-save undoes it; `--fix-unsafe` and the quick fix apply it.
 *
 * ## Suppressing
 *
 * A pragma is the way to say a branch build is deliberate while you test it.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG003',
    name: 'feature-branch-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'Images built from a feature branch are for testing; ship on the stable tag.',
    fixes: ['unsafe'],
    profileFields: ['repositories[].tagPatterns[].kind', 'repositories[].tagPatterns[].stable'],
  },
  check({ model, catalog }, report) {
    for (const { image, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (info?.kind !== 'pattern' || info.pattern.kind !== 'feature-branch' || !tagSpan) continue;
      const stable = catalog.stableTagFor(info);
      const branch = info.groups.branch ? ` (branch '${info.groups.branch}')` : '';
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is an unreleased feature-branch build${branch} that may change or disappear.`,
        // Unsafe: a developer testing the branch build means it, so fix-on-save must not undo it.
        fixes: stable
          ? [{ title: `Use the stable tag '${stable}'`, edits: [replaceInImage(image, tagSpan, stable)], preferred: true, applicability: 'unsafe' }]
          : [],
      });
    }
  },
});
