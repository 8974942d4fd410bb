import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG003',
    name: 'feature-branch-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'Images built from a feature branch are for testing; ship on the stable tag.',
    fixes: ['unsafe'],
  },
  check({ model, catalog }, report) {
    for (const { image, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (info?.kind !== 'pattern' || info.pattern.kind !== 'feature-branch' || !tagSpan) continue;
      const stable = catalog.stableTagFor(info);
      const branch = info.groups.branch ? ` (branch '${info.groups.branch}')` : '';
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is a feature-branch build${branch}, which is not stable; use ${stable ? `'${stable}'` : 'a stable tag'} once the change is released.`,
        // Unsafe: a developer testing the branch build means it, so fix-on-save must not undo it.
        fixes: stable ? [{ title: `Use the stable tag '${stable}'`, edits: [replaceInImage(image, tagSpan, stable)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
