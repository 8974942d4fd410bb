import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage, wholeSpan } from '../dockerfile/edits';
import { defineRule } from '../rule';
import { splitImage } from '../imageRef';
import type { Fix } from '../types';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG001',
    name: 'unapproved-base-image',
    language: 'dockerfile',
    severity: 'error',
    summary: 'Every stage must build on an image from the approved repositories.',
    fixes: ['unsafe'],
    equivalents: { hadolint: ['DL3026'] },
  },
  check({ model, catalog, profile }, report) {
    const approved = profile.repositories.map((r) => r.name).join(' or ');
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.unresolved.length || image.ref.repository === 'scratch') continue;
      const match = catalog.matchRepository(image.ref.repository);
      if (match.kind === 'mirror') continue; // IMG005
      const recommended = catalog.recommendedImage(stage.alias);

      if (match.kind === 'approved') {
        // An approved repository can still hold images outside the chain (e.g. a non-hardened `latest`).
        const tag = image.ref.tag;
        const info = tag === undefined ? undefined : catalog.tagInfo(match.repository, tag);
        if (!info || info.kind !== 'catalog' || info.tag.status !== 'rejected' || !image.ref.tagSpan) continue;
        const replacement = info.tag.replacement ?? splitImage(recommended).tag ?? '';
        report({
          range: image.locate(image.ref.tagSpan),
          message: `'${image.ref.repository}:${tag}' ${info.tag.note ?? 'is not part of the approved image chain'}; use '${image.ref.repository}:${replacement}'.`,
          fixes: [{ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, image.ref.tagSpan, replacement)], preferred: true, applicability: 'unsafe' }],
        });
        continue;
      }

      // A stage convention (e.g. builders get the build base) beats a retired image's usual successor.
      const retired = catalog.retired(image.ref.repository);
      const first = catalog.stageRecommendation(stage.alias) ?? retired?.replacement ?? recommended;
      const choices = [first, ...alternatives(catalog.profile.recommendations, first)];
      const fixes: Fix[] = choices.map((choice, i) => ({
        title: `Use '${choice}'`,
        edits: [replaceInImage(image, wholeSpan(image), choice)],
        preferred: i === 0,
        // A new base changes the packages and tools a build can rely on: a person should choose it.
        applicability: 'unsafe',
      }));
      const why = retired ? `is ${retired.note}` : `is not an approved base image (approved: ${approved})`;
      report({
        range: image.locate(image.ref.repositorySpan),
        message: `'${image.ref.repository}' ${why}; build this stage on '${first}'.`,
        fixes,
      });
    }
  },
});

/** Other recommended images, offered after the first as non-preferred fixes. */
function alternatives(rec: { default: string; stages?: Array<{ image: string }> }, first: string): string[] {
  const all = [rec.default, ...(rec.stages ?? []).map((s) => s.image)];
  return [...new Set(all)].filter((i) => i !== first);
}
