import type { DockerfileContext } from '../dockerfile/context';
import { replaceImage, replaceInImage } from '../dockerfile/edits';
import type { ResolvedImage } from '../dockerfile/model';
import { defineRule, type Report } from '../rule';
import { splitImage } from '../imageRef';
import type { Catalog } from '../profile/catalog';
import type { Repository } from '../profile/schema';
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
    for (const stage of model.stages) {
      const image = stage.image;
      // An unresolved tag or digest (`python-build-base:${PYTHON_VERSION}`) still leaves the repository known.
      if (!image || !image.repositoryKnown || image.ref.repository === 'scratch') continue;
      const match = catalog.matchRepository(image.ref.repository);
      const recommended = catalog.recommendedImage(stage.alias);

      if (match.kind !== 'none') {
        // An approved repository, or its mirror, can still hold images outside the chain (a non-hardened `latest`).
        if (image.unresolved.length) continue; // IMG006
        const rejected = rejectedTag(image, catalog, match.repository, recommended);
        if (rejected) report(rejected);
        continue;
      }

      // A stage convention (e.g. builders get the build base) beats a retired image's usual successor.
      const retired = catalog.retired(image.ref.repository);
      const first = catalog.stageRecommendation(stage.alias) ?? retired?.replacement ?? recommended;
      const builtHere = image.unresolved.length ? [] : catalog.builtOn(image.ref.repository, image.ref.tag);
      // When the profile's own images are built on this one, the Dockerfile may be building them: offering
      // an image built on the same repository would ask the chain to be built on itself.
      const choices = [first, ...alternatives(catalog.profile.recommendations, first)].filter(
        (choice) => !builtHere.length || !catalog.isBuiltOnRepository(choice, image.ref.repository),
      );
      const range = image.locate(image.ref.repositorySpan);
      if (!choices.length) {
        const more = builtHere.length > 1 ? ` and ${builtHere.length - 1} more` : '';
        report({
          range,
          message: `'${image.ref.repository}' is not an approved base image, but the profile's own images are built on it ('${builtHere[0]}'${more}): if this Dockerfile builds them, turn IMG001 off for it in the configuration.`,
        });
        continue;
      }
      const fixes: Fix[] = choices.map((choice, i) => ({
        title: `Use '${choice}'`,
        edits: [replaceImage(image, choice)],
        preferred: i === 0,
        // A new base changes the packages and tools a build can rely on: a person should choose it.
        applicability: 'unsafe',
      }));
      const approved = profile.repositories.map((r) => r.name).join(' or ');
      const why = retired ? `is ${retired.note}` : `is not an approved base image (approved: ${approved})`;
      report({ range, message: `'${image.ref.repository}' ${why}; build this stage on '${choices[0]}'.`, fixes });
    }
  },
});

/** A tag the profile rejects (`latest`: not the hardened chain), on the repository or on its mirror. */
function rejectedTag(image: ResolvedImage, catalog: Catalog, repository: Repository, recommended: string): Report | undefined {
  const { tag, tagSpan } = image.ref;
  const info = tag === undefined ? undefined : catalog.tagInfo(repository, tag);
  if (!info || info.kind !== 'catalog' || info.tag.status !== 'rejected' || !tagSpan) return undefined;
  const replacement = info.tag.replacement ?? splitImage(recommended).tag ?? '';
  return {
    range: image.locate(tagSpan),
    message: `'${image.ref.repository}:${tag}' ${info.tag.note ?? 'is not part of the approved image chain'}; use '${image.ref.repository}:${replacement}'.`,
    // Only the tag changes: a mirror stays a mirror here (IMG005 moves it to the central repository).
    fixes: [{ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, tagSpan, replacement)], preferred: true, applicability: 'unsafe' }],
  };
}

/** Other recommended images, offered after the first as non-preferred fixes. */
function alternatives(rec: { default: string; stages?: Array<{ image: string }> }, first: string): string[] {
  const all = [rec.default, ...(rec.stages ?? []).map((s) => s.image)];
  return [...new Set(all)].filter((i) => i !== first);
}
