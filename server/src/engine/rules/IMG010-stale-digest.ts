import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * A stage pins its base as `image:tag@sha256:…` and the tag catalog lock
 * (`container-standards.lock.json`, written by `container-standards catalog sync`) says the tag now
 * points at another digest: the base image was rebuilt (security fixes, a new Python patch release) and
 * this Dockerfile still builds on the old one. A digest equal to the tag's index digest, or to one of its
 * per-platform manifest digests, is current. Works for approved repositories and for images outside the
 * catalog that a sync inspected (`catalog sync --image python:3.13-slim`).
 *
 * Reads only the lock: without a lock, or for a tag the lock does not have, nothing is reported. The
 * check never reaches the network.
 *
 * ## Why
 *
 * A pinned digest freezes the base image: when the image owners rebuild the tag (security fixes, a new
 * Python patch release), this Dockerfile keeps building on the old image until someone updates the digest.
 *
 * ## Examples
 *
 * ```dockerfile fails defra lock=test/fixtures/rules/IMG010.lock.json
 * FROM defradigital/python:2.0.1-python3.13.9@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes defra lock=test/fixtures/rules/IMG010.lock.json
 * FROM defradigital/python:2.0.1-python3.13.9@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa AS production
 * CMD ["-m", "app"]
 * ```
 *
 * Without a lock nothing is reported; nor a digest without a tag, nor a tag without a digest.
 *
 * ## Fix
 *
 * Replaces the digest with the tag's current digest from the lock (safe, preferred; applied by
 * `--fix`): the tag is the one the author chose, and its current image is what the standard publishes
 * under it. When the digest is written in an `ARG` default, the default is changed.
 *
 * ## Lock fields read
 *
 * `repositories[name].tags[tag].digest` and `.platforms`, `images[reference].digest`, `syncedAt`.
 */
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
        message: `This FROM pins an older image of '${tag}', which now points at ${shortDigest(entry.digest)} (tag catalog of ${lock.lock.syncedAt}).`,
        // The tag is what the author chose; its current digest keeps the pin and restores the standard's image.
        fixes: [
          { title: `Pin the current digest of '${tag}'`, edits: [replaceInImage(image, digestSpan, entry.digest)], preferred: true, applicability: 'safe' },
        ],
      });
    }
  },
});

/** `sha256:` and 12 hex digits, as `docker images` shortens an ID: enough to tell images apart in a message. */
function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex && hex.length > 12 ? `${algorithm}:${hex.slice(0, 12)}…` : digest;
}
