import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, nearest } from '../dockerfile/images';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG007',
    name: 'unsupported-python',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The image is built for a Python version the standard no longer supports.',
    fixes: ['unsafe'],
  },
  check({ model, catalog, profile }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      const python = info && info.kind !== 'unknown' ? info.python : undefined;
      if (!tag || !tagSpan || !python || catalog.isSupportedPython(python)) continue;
      const supported = catalog
        .stableTags(repository)
        .filter((t) => t.status === 'stable' && t.python && catalog.isSupportedPython(t.python))
        .map((t) => t.name);
      const [closest] = nearest(tag.replace(python, profile.python.supported[profile.python.supported.length - 1]), supported, 1);
      report({
        range: image.locate(tagSpan),
        message: `'${tag}' is built for Python ${python}, which the standard no longer supports (supported: ${profile.python.supported.join(', ')})${closest ? `; use '${closest}'` : ''}.`,
        // A new Python version can break the application: a person makes that move.
        fixes: closest ? [{ title: `Use tag '${closest}'`, edits: [replaceInImage(image, tagSpan, closest)], preferred: true, applicability: 'unsafe' }] : [],
      });
    }
  },
});
