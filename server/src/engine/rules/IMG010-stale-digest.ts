import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG010',
    name: 'stale-digest',
    language: 'dockerfile',
    severity: 'warning',
    summary: "A FROM pins `tag@digest` but the tag has moved on: the digest is no longer the tag's digest in the tag catalog lock.",
    fixes: ['safe'],
  },
  check({ model, catalog }, report) {
    const lock = catalog.lock;
    if (!lock) return;
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.unresolved.length) continue;
      const { tag, digest, digestSpan, repository } = image.ref;
      if (!tag || !digest || !digestSpan) continue;
      const match = catalog.matchRepository(repository);
      const entry = lock.image(match.kind === 'none' ? repository : match.repository.name, tag);
      if (!entry || entry.digest === digest || Object.values(entry.platforms ?? {}).includes(digest)) continue;
      report({
        range: image.locate(digestSpan),
        message: `'${tag}' now points at ${entry.digest} (tag catalog of ${lock.lock.syncedAt}); this FROM pins an older image.`,
        // The tag is what the author chose; its current digest keeps the pin and restores the standard's image.
        fixes: [{ title: `Pin the current digest of '${tag}'`, edits: [replaceInImage(image, digestSpan, entry.digest)], preferred: true, applicability: 'safe' }],
      });
    }
  },
});
