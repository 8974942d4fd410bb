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

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG002',
    name: 'unknown-tag',
    language: 'dockerfile',
    severity: 'error',
    summary: 'A tag of an approved repository must be one the standard publishes (and, with a tag catalog lock, one the registry has).',
    fixes: ['unsafe', 'suggestion'],
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
          : catalog.stableTags(repository).filter((t) => t.status === 'stable' || t.status === 'floating');
      const suggestions = nearest(tag, usable.map((t) => t.name), 3);
      const use = suggestions.length ? `use ${suggestions.map((s) => `'${s}'`).join(', ')} or another published tag` : 'choose a published tag';
      const synced = catalog.lock?.lock.syncedAt;
      const message =
        publication === 'unsynced'
          ? `'${tag}' is not a tag of ${repository.name} that the standard publishes; ${use}.`
          : info.kind === 'unknown'
            ? `'${tag}' is not a tag of ${repository.name} that the standard or the registry knows (tag catalog of ${synced}); ${use}.`
            : `'${tag}' is not published: the standard allows the tag but ${repository.name} had no such tag at the sync of ${synced}; ${use}.`;
      report({
        range: image.locate(tagSpan),
        message,
        // Nearest by spelling: a person confirms which image was meant, and a bulk fix never guesses across Python versions.
        fixes: suggestions.map((s, i) => ({
          title: `Use tag '${s}'`,
          edits: [replaceInImage(image, tagSpan, s)],
          preferred: i === 0,
          applicability: guessApplicability(tag, usable.find((t) => t.name === s)!),
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
    message: `The tag '${tag.slice(0, 24)}…' is ${tag.length} characters long; a tag has at most ${MAX_TAG_LENGTH} (the OCI limit), so no such image exists${recommended ? `; use '${recommended}'` : ''}.`,
    fixes: recommended ? [{ title: `Use tag '${recommended}'`, edits: [replaceInImage(image, tagSpan, recommended)], preferred: true, applicability: 'suggestion' }] : [],
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
