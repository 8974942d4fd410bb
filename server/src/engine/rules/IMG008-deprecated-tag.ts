import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, nearest } from '../dockerfile/images';
import { publishedChoices } from '../dockerfile/published';
import type { Tag } from '../profile/schema';
import { defineRule } from '../rule';
import type { Fix } from '../types';

/**
 * ## What it checks
 *
 * A tag the profile marks as deprecated. For Gen3, `latest-pythonbase` and `latest-pythonnginx` are
 * still listed as stable by the standard's text but have not been published since October 2025
 * (`standards-facts.md`), so builds pull a stale image.
 *
 * With a tag catalog lock (`container-standards catalog sync`), it also reports a tag that a sync saw
 * and a later sync found gone from the registry, with the days it was first and last seen: the build
 * will fail to pull it (or, from a cache, keep an image nobody maintains).
 *
 * ## Why
 *
 * A deprecated tag is no longer rebuilt, so the image it names grows stale — and a tag gone from the
 * registry fails the build at the pull (or, from a cache, keeps an image nobody maintains).
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:latest-pythonbase
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
 * ## Fix
 *
 * The tag's `replacement` (`3.13-pythonbase`). Preferred. **Safe** (`--fix` applies it) when the
 * catalog shows the replacement is the same kind of image — built from the same parent, with the same
 * Python version and the same final user — as for `latest-pythonbase` → `3.13-pythonbase`; otherwise
 * **unsafe**, since the build would change.
 *
 * For a gone tag without a `replacement`: the nearest published tags by spelling, as **suggestions**
 * (shown in the editor, never applied in bulk): a person confirms which image was meant.
 *
 * ## Profile fields read
 *
 * From the lock: tags with `removed`, their `firstSeen` and `lastSeen`.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG008',
    name: 'deprecated-tag',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'The tag is deprecated by the standard, or has disappeared from the registry since it was first seen; move to its replacement.',
    fixes: ['safe', 'unsafe', 'suggestion'],
    profileFields: ['repositories[].tags[].status', 'repositories[].tags[].replacement'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (!tag || !tagSpan) continue;
      const deprecated = info?.kind === 'catalog' && info.tag.status === 'deprecated' ? info.tag : undefined;
      const gone = catalog.publication(repository, tag) === 'gone' ? catalog.lockedTag(repository, tag) : undefined;
      if (!deprecated && !gone) continue;
      const replacement = deprecated?.replacement;
      const successor = replacement === undefined ? undefined : repository.tags.find((t) => t.name === replacement);
      const fixes: Fix[] = [];
      // Safe only when the successor is the same kind of image: same parent, Python version and user.
      if (replacement) {
        fixes.push({
          title: `Use tag '${replacement}'`,
          edits: [replaceInImage(image, tagSpan, replacement)],
          preferred: true,
          applicability: sameImage(deprecated!, successor) ? 'safe' : 'unsafe',
        });
      }
      let message: string;
      if (gone) {
        const others = replacement
          ? []
          : nearest(
              tag,
              publishedChoices(catalog, repository).map((p) => p.name),
              3,
            );
        // Nearest by spelling: a guess that a person confirms.
        others.forEach((s, i) =>
          fixes.push({ title: `Use tag '${s}'`, edits: [replaceInImage(image, tagSpan, s)], preferred: i === 0, applicability: 'suggestion' }),
        );
        message = `'${tag}' is no longer published in ${repository.name} (first seen ${gone.entry.firstSeen}, last seen ${gone.entry.lastSeen}).`;
      } else {
        message = `'${tag}' is deprecated${deprecated!.note ? `: ${deprecated!.note}` : ''}.`;
      }
      report({ range: image.locate(tagSpan), message, fixes });
    }
  },
});

function sameImage(old: Tag, successor: Tag | undefined): boolean {
  return !!successor && successor.from === old.from && successor.python === old.python && successor.user === old.user;
}
