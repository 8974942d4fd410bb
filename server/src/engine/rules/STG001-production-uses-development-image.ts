import type { DockerfileContext } from '../dockerfile/context';
import { replaceInImage } from '../dockerfile/edits';
import { rootStage } from '../dockerfile/model';
import { defineRule } from '../rule';
import { replace } from '../text';

/**
 * ## What it checks
 *
 * Applies to Dockerfiles (profiles with `stages`; built in: defra).
 *
 * Defra services build development and production images from one multi-stage Dockerfile, "each extending
 * the appropriate parent": `defradigital/python-development` (with `uv` and `debugpy`) for development and
 * `defradigital/python` for production. A production stage — one named in `stages.productionNames`
 * (`production`, any case) or the final stage, which is what `docker build` produces without `--target` —
 * must not be built from a repository whose role is listed in `stages.forbiddenInProduction`
 * (`development`), directly or through an earlier stage.
 *
 * ## Why
 *
 * Development images carry tools (`uv`, `debugpy`) and settings meant for a developer's machine; a
 * production image built on one ships them to production.
 *
 * ## Examples
 *
 * ```dockerfile fails defra
 * FROM defradigital/python-development:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile fails defra
 * FROM defradigital/python-development:2.0.1-python3.13.9 AS development
 * FROM development AS production
 * CMD ["-m", "app"]
 * ```
 *
 * ```dockerfile passes defra
 * FROM defradigital/python-development:2.0.1-python3.13.9 AS development
 * FROM defradigital/python:2.0.1-python3.13.9 AS production
 * CMD ["-m", "app"]
 * ```
 *
 * Gen3's profile sets no `stages`, so the rule never fires under it.
 *
 * ## Fix
 *
 * Replaces the development repository with the production one, keeping the tag (safe: `--fix` applies it).
 * When production is built from a development stage, the fix names the production image at the same tag
 * instead of the stage; that changes what is inherited, so it is not applied by `--fix`.
 */
export default defineRule<DockerfileContext>({
  meta: {
    code: 'STG001',
    name: 'production-uses-development-image',
    language: 'dockerfile',
    severity: 'error',
    summary: 'A production stage must not be built from the development parent image.',
    fixes: ['safe', 'unsafe'],
    profileFields: ['stages.productionNames', 'stages.forbiddenInProduction', 'repositories[].role'],
  },
  check({ model, catalog, profile }, report) {
    const conventions = profile.stages;
    const production = catalog.repositoryWithRole('production');
    if (!conventions) return;
    const productionNames = new Set(conventions.productionNames.map((n) => n.toLowerCase()));
    for (const stage of model.stages) {
      if (!stage.isFinal && !productionNames.has(stage.alias?.toLowerCase() ?? '')) continue;
      const root = rootStage(stage);
      const image = root.image;
      if (!image) continue;
      const match = catalog.matchRepository(image.ref.repository);
      if (match.kind === 'none' || !conventions.forbiddenInProduction.includes(match.repository.role)) continue;
      const named = productionNames.has(stage.alias?.toLowerCase() ?? '');
      const label = named ? `Production stage '${stage.alias}'` : `The final stage${stage.alias ? ` '${stage.alias}'` : ''} (the production image)`;
      if (stage === root) {
        report({
          range: image.locate(image.ref.repositorySpan),
          message: `${label} is built from the development image '${image.ref.repository}'.`,
          fixes: production
            ? [
                {
                  title: `Use '${production.name}'`,
                  edits: [replaceInImage(image, image.ref.repositorySpan, production.name)],
                  preferred: true,
                  applicability: 'safe',
                },
              ]
            : [],
        });
      } else {
        // Built from a development stage: name the production image directly, at the same tag.
        const target = production && `${production.name}${image.ref.tag ? `:${image.ref.tag}` : ''}`;
        report({
          range: stage.from.getImageRange()!,
          message: `${label} is built from stage '${root.alias}', which uses the development image '${image.ref.repository}'.`,
          fixes: target ? [{ title: `Use '${target}'`, edits: [replace(stage.from.getImageRange()!, target)], preferred: true, applicability: 'unsafe' }] : [],
        });
      }
    }
  },
});
