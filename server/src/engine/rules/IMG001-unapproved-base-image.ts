import type { DockerfileContext } from '../dockerfile/context';
import { imageEditRange, replaceInImage } from '../dockerfile/edits';
import { replace } from '../text';
import type { ResolvedImage } from '../dockerfile/model';
import { defineRule, type Report } from '../rule';
import { splitImage } from '../imageRef';
import type { Catalog } from '../profile/catalog';
import type { Repository } from '../profile/schema';
import type { Fix } from '../types';

/**
 * ## What it checks
 *
 * Every stage's `FROM` must resolve to an image from one of the profile's approved repositories. The Gen3
 * standard says to "pull the correct image for your build stage from the central repository
 * `quay.io/cdis/amazonlinux-base`", so builder stages count as much as the final one. Defra services
 * extend `defradigital/python` and `defradigital/python-development`.
 *
 * The image is read after ARG substitution: global `ARG`s (declared before the first `FROM`) resolve to
 * their defaults, `${VAR:-default}` to its default, and `--build-arg` values from the CLI or the
 * `containerStandards.buildArgs` setting override them. A `FROM` that names an earlier stage by its alias
 * (`FROM base`, compared case-insensitively as Docker does) is not an external image and is never reported.
 * `FROM scratch` is not reported either.
 *
 * Names are compared as Docker resolves them (`python` is `docker.io/library/python`), so look-alikes are
 * **not** approved:
 *
 * - a longer name that merely starts with an approved one (`quay.io/cdis/amazonlinux-base-dev`);
 * - another repository of the same organisation (`quay.io/cdis/python`), which is reported as a retired
 *   image with its successor when the profile lists it under `retired`;
 * - the same path on another registry (`ghcr.io/cdis/amazonlinux-base`).
 *
 * An approved repository can still hold images outside the approved chain: a catalog tag with status
 * `rejected` (Gen3's `latest`, the non-hardened Amazon Linux base) is reported here too, on the tag.
 *
 * A mirror listed by the profile is reported by [IMG005](IMG005.md), and a rejected tag on it here too, at
 * the same severity as on the central repository (`…/gen3/amazonlinux-base:latest` on Gen3's ECR mirror).
 *
 * A variable without a value is [IMG006](IMG006.md)'s when it leaves the repository unknown (`FROM ${BASE}`,
 * or an approved repository whose tag is `${TAG}`). When only the tag or digest is unknown and the
 * repository is outside the profile (`FROM quay.io/cdis/python-build-base:${PYTHON_VERSION}`), the
 * repository alone is enough: it is reported here, and the fix replaces the whole image, variable included.
 *
 * ## The repository that builds the chain
 *
 * The approved images are themselves built from somewhere: Gen3's `hardened` from
 * `public.ecr.aws/amazonlinux/amazonlinux:2023`, Defra's `defradigital/python` from Docker Hub's `python`
 * (the profile's `repositories[].tags[].from` says so). IMG001 never suggests an image built on the stage's
 * current image: when the profile's images are built on it (that exact image, for any tag the profile
 * lists), no image built on that repository is offered, because that would ask the chain to be built on
 * itself. Such a stage is still reported, without a fix, and the message names the profile's images built
 * on it:
 *
 * ```text
 * 'public.ecr.aws/amazonlinux/amazonlinux' is not an approved base image, but the profile's own images are
 * built on it ('quay.io/cdis/amazonlinux-base:hardened' and 8 more): if this Dockerfile builds them, turn
 * IMG001 off for it in the configuration.
 * ```
 *
 * A service on Docker Hub's `python:3.12-slim` under Defra still gets `defradigital/python` proposed: no
 * listed release is built on that image.
 *
 * The repository that builds the chain says so in its `.container-standards.json`, for the Dockerfiles
 * that build it and nothing else. For Gen3's `uc-cdis/base-images`, where the hardened image starts from
 * Amazon Linux and `3.13-buildbase` ends as root on purpose (images built on it install packages first):
 *
 * ```json
 * {
 *   "profile": "gen3",
 *   "overrides": [
 *     { "files": ["amazonlinux-base/2023_hardened/Dockerfile"], "rules": { "IMG001": "off", "USR001": "off" } },
 *     { "files": ["python3.13/build_base/Dockerfile"], "rules": { "USR001": "off" } }
 *   ]
 * }
 * ```
 *
 * For Defra's `DEFRA/defra-docker-python`, whose one `Dockerfile` builds both images from `python`, and
 * whose examples build on the images just built under their local names (`defra-python`, untagged):
 *
 * ```json
 * {
 *   "profile": "defra",
 *   "overrides": [
 *     { "files": ["Dockerfile"], "rules": { "IMG001": "off" } },
 *     { "files": ["examples/**"], "rules": { "IMG004": "off", "IMG005": "off" } }
 *   ]
 * }
 * ```
 *
 * Every other Dockerfile in those repositories (and every service elsewhere) stays under the rule.
 *
 * ## Why
 *
 * The standard's images are the ones its owners harden, patch and scan (Gen3: FIPS mode, the `gen3`
 * user, `/venv`; Defra: the `nonroot` user, pinned Python). A service built on anything else misses all
 * of that silently, and no later rule can say what it runs.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * FROM python:3.13-slim
 * CMD ["python", "app.py"]
 * ```
 *
 * ```dockerfile fails gen3
 * FROM quay.io/cdis/amazonlinux-base:latest
 * USER gen3
 * CMD ["gunicorn", "app:app"]
 * ```
 *
 * ```dockerfile fails gen3
 * FROM alpine:3.20 AS builder
 * RUN echo build
 * FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * ARG AZLINUX_BASE_VERSION=3.13-pythonnginx
 * FROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION} AS base
 * FROM base AS builder
 * FROM base
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile fails defra
 * FROM python:3.12-slim AS production
 * CMD ["python", "app.py"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ## Fix
 *
 * The first (preferred) fix replaces the whole image reference with the image the profile recommends for
 * the stage: a stage-name convention first (Gen3: stages named like `build…` get `3.13-buildbase`; Defra:
 * stages named `dev…` get the development image), then the successor of a retired image, then the profile's
 * default (`3.13-pythonbase`, `defradigital/python:2.7.0-python3.14.6`). The other recommended images are
 * offered as further fixes. None of these is applied by `--fix`: a new base image changes the packages and
 * tools the build relies on, so a person chooses (`--fix-unsafe` applies the preferred one).
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG001',
    name: 'unapproved-base-image',
    language: 'dockerfile',
    severity: 'error',
    summary: 'Every stage must build on an image from the approved repositories.',
    fixes: ['unsafe'],
    equivalents: { hadolint: ['DL3026'] },
    profileFields: [
      'repositories[].name',
      'repositories[].tags[].status',
      'repositories[].tags[].replacement',
      'retired[].name',
      'retired[].replacement',
      'recommendations.default',
      'recommendations.stages[].image',
    ],
  },
  check({ model, catalog, profile }, report) {
    // Every stage of one image asks the same questions (40,000 stages of `python` in the bench): the
    // choices and the message are worked out once per repository, tag and stage convention in a check.
    const verdicts = new Map<string, Verdict>();
    for (const stage of model.stages) {
      const image = stage.image;
      // An unresolved tag or digest (`python-build-base:${PYTHON_VERSION}`) still leaves the repository known.
      if (!image || !image.repositoryKnown || image.ref.repository === 'scratch') continue;
      const match = catalog.matchRepository(image.ref.repository);
      const convention = catalog.stageRecommendation(stage.alias);

      if (match.kind !== 'none') {
        // An approved repository, or its mirror, can still hold images outside the chain (a non-hardened `latest`).
        if (image.unresolved.length) continue; // IMG006
        const rejected = rejectedTag(image, catalog, match.repository, convention ?? profile.recommendations.default);
        if (rejected) report(rejected);
        continue;
      }

      const tag = image.unresolved.length ? undefined : image.ref.tag;
      const key = `${image.ref.repository}\n${image.unresolved.length ? '$' : `:${tag ?? ''}`}\n${convention ?? ''}`;
      let verdict = verdicts.get(key);
      if (!verdict) verdicts.set(key, (verdict = judge(catalog, image, convention)));
      const range = image.locate(image.ref.repositorySpan);
      if (!verdict.choices.length) {
        report({ range, message: verdict.message });
        continue;
      }
      // Every choice replaces the same characters.
      const whole = imageEditRange(image);
      const fixes: Fix[] = verdict.choices.map((choice, i) => ({
        title: verdict.titles[i],
        edits: [replace(whole, choice)],
        preferred: i === 0,
        // A new base changes the packages and tools a build can rely on: a person should choose it.
        applicability: 'unsafe',
      }));
      report({ range, message: verdict.message, fixes });
    }
  },
});

/** What IMG001 says of an image outside the profile, the same for every stage with its repository, tag and stage convention. */
interface Verdict {
  choices: string[];
  titles: string[];
  message: string;
}

function judge(catalog: Catalog, image: ResolvedImage, convention: string | undefined): Verdict {
  const { repository } = image.ref;
  const recommendations = catalog.profile.recommendations;
  // A stage convention (e.g. builders get the build base) beats a retired image's usual successor.
  const retired = catalog.retired(repository);
  const first = convention ?? retired?.replacement ?? recommendations.default;
  const builtHere = image.unresolved.length ? [] : catalog.builtOn(repository, image.ref.tag);
  // When the profile's own images are built on this one, the Dockerfile may be building them: offering
  // an image built on the same repository would ask the chain to be built on itself.
  const choices = [first, ...alternatives(recommendations, first)].filter((choice) => !builtHere.length || !catalog.isBuiltOnRepository(choice, repository));
  if (!choices.length) {
    const more = builtHere.length > 1 ? ` and ${builtHere.length - 1} more` : '';
    return {
      choices,
      titles: [],
      message: `'${repository}' is not an approved base image, though the profile's own images are built on it ('${builtHere[0]}'${more}).`,
    };
  }
  const approved = catalog.profile.repositories.map((r) => r.name).join(' or ');
  const why = retired ? `is ${retired.note}` : `is not an approved base image (approved: ${approved})`;
  return { choices, titles: choices.map((choice) => `Use '${choice}'`), message: `'${repository}' ${why}.` };
}

/** A tag the profile rejects (`latest`: not the hardened chain), on the repository or on its mirror. */
function rejectedTag(image: ResolvedImage, catalog: Catalog, repository: Repository, recommended: string): Report | undefined {
  const { tag, tagSpan } = image.ref;
  const info = tag === undefined ? undefined : catalog.tagInfo(repository, tag);
  if (!info || info.kind !== 'catalog' || info.tag.status !== 'rejected' || !tagSpan) return undefined;
  const replacement = info.tag.replacement ?? splitImage(recommended).tag ?? '';
  return {
    range: image.locate(tagSpan),
    message: `'${image.ref.repository}:${tag}' ${info.tag.note ?? 'is not part of the approved image chain'}.`,
    // Only the tag changes: a mirror stays a mirror here (IMG005 moves it to the central repository).
    fixes: [{ title: `Use tag '${replacement}'`, edits: [replaceInImage(image, tagSpan, replacement)], preferred: true, applicability: 'unsafe' }],
  };
}

/** Other recommended images, offered after the first as non-preferred fixes. */
function alternatives(rec: { default: string; stages?: Array<{ image: string }> }, first: string): string[] {
  const all = [rec.default, ...(rec.stages ?? []).map((s) => s.image)];
  return [...new Set(all)].filter((i) => i !== first);
}
