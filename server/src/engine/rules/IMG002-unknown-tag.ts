import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { approvedImages, editDistance, nearest } from '../dockerfile/images';
import { publishedChoices } from '../dockerfile/published';
import { MAX_TAG_LENGTH } from '../profile/catalog';
import type { ResolvedImage } from '../dockerfile/model';
import type { Report } from '../rule';
import { defineRule } from '../rule';
import type { Applicability } from '../types';

/** Within this many edits, a tag is taken for a typo of the tag it resembles. */
const TYPO_DISTANCE = 2;

/**
 * ## What it checks
 *
 * A stage builds on an approved repository (directly or through a known mirror) with a tag the profile
 * neither lists in its catalog nor recognises by one of its tag patterns (feature-branch builds,
 * `<version>-python<X.Y.Z>` releases, …). Such a tag is a typo, or an image the standard does not
 * publish. Tags written in an `ARG` default
 * (`ARG AZLINUX_BASE_VERSION=3.13-pythonnginx`) are checked where they are written.
 *
 * ### With a tag catalog lock
 *
 * When `container-standards.lock.json` (written by `container-standards catalog sync`) covers the
 * repository, the registry decides what exists, offline:
 *
 * - a tag the registry publishes is never reported, even when the profile does not list it (a new
 *   release such as `2.2.1-python3.14.3`);
 * - a tag the profile allows (catalog entry or pattern) that the registry did not have at the sync is
 *   reported as **not published**;
 * - a tag neither knows is reported as **unknown**;
 * - fixes are the nearest *published* tags (stable, releases; not feature branches, floating or
 *   deprecated tags).
 *
 * A tag that disappeared since a sync first saw it is [IMG008](IMG008.md)'s.
 *
 * ## Why
 *
 * A tag nobody publishes fails the build at the pull; a tag published outside the catalog is an image
 * nobody vouches for. Either way, the author most often meant a tag one or two letters away.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbse
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
 * ```dockerfile passes gen3
 * FROM quay.io/cdis/amazonlinux-base:feat_x-3.13-pythonbase
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile fails defra
 * FROM defradigital/python:2.0.1-pyhton3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * A feature-branch tag matches a tag pattern, so it is [IMG003](IMG003.md)'s; digests without a tag and
 * images outside the approved repositories ([IMG001](IMG001.md)) are not this rule's either.
 *
 * ## Fix
 *
 * The three published tags nearest in spelling, nearest first (preferred). None is applied by `--fix`:
 * a person confirms which image was meant.
 *
 * - **unsafe** (`--fix-unsafe` applies it): a close misspelling (at most two characters off) that keeps
 *   the Python version written in the tag, e.g. `3.13-pythonbse` → `3.13-pythonbase`.
 * - **suggestion** (shown in the editor, never applied in bulk): any other guess. `3.12-pythonbas` is
 *   nearest to `3.13-pythonbase` by spelling, but taking it would change the Python version.
 *
 * ## Profile fields read
 *
 * From the lock: `repositories[name].tags` and `syncedAt`.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG002',
    name: 'unknown-tag',
    language: 'dockerfile',
    severity: 'error',
    summary: 'A tag of an approved repository must be one the standard publishes (and, with a tag catalog lock, one the registry has).',
    fixes: ['unsafe', 'suggestion'],
    profileFields: ['repositories[].tags[].name', 'repositories[].tagPatterns[].pattern', 'repositories[].mirrors[].name'],
  },
  check({ model, catalog }, report) {
    for (const { image, repository, tag, info, tagSpan } of approvedImages(model.stages, catalog)) {
      if (!tag || !tagSpan || !info) continue;
      if (tag.length > MAX_TAG_LENGTH) {
        report(tooLong(image, tagSpan, tag, catalog.recommendedTag(repository)));
        continue;
      }
      const publication = catalog.publication(repository, tag);
      // Published tags are real whatever the profile says; a tag that disappeared is IMG008's.
      if (publication === 'published' || publication === 'gone') continue;
      if (publication === 'unsynced' && info.kind !== 'unknown') continue;
      if (info.kind === 'catalog' && info.tag.status === 'rejected') continue; // IMG001
      // Without a lock, the profile's stable and floating tags; with one, what the registry publishes.
      const usable: Array<{ name: string; python?: string }> =
        publication === 'unpublished'
          ? publishedChoices(catalog, repository).map((p) => {
              const known = catalog.tagInfo(repository, p.name);
              return { name: p.name, python: known.kind === 'unknown' ? undefined : known.python };
            })
          : catalog.tagsStableFirst(repository).filter((t) => t.status === 'stable' || t.status === 'floating');
      const suggestions = nearest(
        tag,
        usable.map((t) => t.name),
        3,
      );
      const synced = catalog.lock?.lock.syncedAt;
      const message =
        publication === 'unsynced'
          ? `'${tag}' is not a tag the standard lists for ${repository.name}.`
          : info.kind === 'unknown'
            ? `'${tag}' is not a tag of ${repository.name} that the standard or the registry knows (tag catalog of ${synced}).`
            : `'${tag}' is allowed by the standard, but ${repository.name} had no such tag at the sync of ${synced}.`;
      report({
        range: image.locate(tagSpan),
        message,
        // Nearest by spelling: a person confirms which image was meant, and a bulk fix never guesses across Python versions.
        fixes: suggestions.map((s, i) => ({
          title: `Use tag '${s}'`,
          edits: [replaceInImage(image, tagSpan, s)],
          preferred: i === 0,
          applicability: guessApplicability(
            tag,
            usable.find((t) => t.name === s)!,
          ),
        })),
      });
    }
  },
});

/**
 * A tag over the OCI limit names no image that can exist. It is reported without quoting it in full and
 * without comparing it to every published tag (its length is the attacker's choice).
 */
function tooLong(image: ResolvedImage, tagSpan: [number, number], tag: string, recommended: string | undefined): Report {
  return {
    range: image.locate(tagSpan),
    message: `The tag '${tag.slice(0, 24)}…' is ${tag.length} characters long, over the OCI limit of ${MAX_TAG_LENGTH}, so no such image exists.`,
    fixes: recommended
      ? [{ title: `Use tag '${recommended}'`, edits: [replaceInImage(image, tagSpan, recommended)], preferred: true, applicability: 'suggestion' }]
      : [],
  };
}

/**
 * A close misspelling that keeps the Python version written in the tag is a typo (`3.13-pythonbas`); any
 * other guess (`3.12-pythonbas` → `3.13-pythonbase` changes Python) is only a suggestion.
 */
function guessApplicability(written: string, guess: { name: string; python?: string }): Applicability {
  if (editDistance(written.toLowerCase(), guess.name.toLowerCase()) > TYPO_DISTANCE) return 'suggestion';
  const samePython = guess.python ? mentionsVersion(written, guess.python) : !hasVersion(written);
  return samePython ? 'unsafe' : 'suggestion';
}

/** Whether `tag` contains `version` (e.g. `3.13`) not as part of a longer number (`3.130`, `13.13`). */
function mentionsVersion(tag: string, version: string): boolean {
  for (let at = tag.indexOf(version); at >= 0; at = tag.indexOf(version, at + 1)) {
    const before = tag[at - 1];
    const after = tag[at + version.length];
    if (!isDigit(before) && before !== '.' && !isDigit(after)) return true;
  }
  return false;
}

function hasVersion(tag: string): boolean {
  for (let i = 1; i < tag.length - 1; i++) if (tag[i] === '.' && isDigit(tag[i - 1]) && isDigit(tag[i + 1])) return true;
  return false;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
