import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages } from '../dockerfile/images';
import { newestRelease } from '../dockerfile/published';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG009',
    name: 'floating-tag',
    language: 'dockerfile',
    severity: 'info',
    summary: 'A floating tag (`latest`, `latest-3.13`) moves with every release; pin a versioned tag for reproducible builds.',
    fixes: ['unsafe'],
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
        message: `'${tag}' moves with every release, so two builds of this Dockerfile can differ${pinned ? `; pin '${pinned}'` : '; pin a versioned tag'}.`,
        // Pinning freezes today's image: a person decides when to move on.
        fixes: pinned ? [{ title: `Pin tag '${pinned}'`, edits: [replaceInImage(image, tagSpan, pinned)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
