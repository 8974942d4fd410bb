import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

export default defineRule<DockerfileContext>({
  meta: {
    code: 'IMG006',
    name: 'unresolved-base',
    language: 'dockerfile',
    severity: 'warning',
    summary: 'A base image that depends on a variable with no value cannot be checked.',
  },
  check({ model, catalog }, report) {
    for (const stage of model.stages) {
      const image = stage.image;
      const unresolved = image?.unresolved ?? [];
      // A repository outside the profile is IMG001's whatever the tag turns out to be.
      if (image?.repositoryKnown && unresolved.length && catalog.matchRepository(image.ref.repository).kind === 'none') continue;
      for (const variable of unresolved) {
        report({
          range: variable.range,
          message: `The base image depends on '${variable.name}', which has no value here, so it cannot be checked against the standard; give 'ARG ${variable.name}' a default (before the first FROM), or pass it as a build argument (--build-arg, or the buildArgs setting).`,
        });
      }
    }
  },
});
