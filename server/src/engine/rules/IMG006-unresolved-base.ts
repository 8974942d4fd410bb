import type { DockerfileContext } from '../dockerfile/context';
import { defineRule } from '../rule';

/**
 * ## What it checks
 *
 * A `FROM` whose image depends on a variable with no value: an `ARG` declared without a default, or
 * never declared, and not given as a build argument. Nothing can be checked about such an image, so
 * the rules that judge base images stay silent on it; this rule says so, and names the variable. The
 * range is the variable's name.
 *
 * When the variable stands only in the tag or digest of a repository outside the profile
 * (`quay.io/cdis/python-build-base:${PYTHON_VERSION}`), the repository is enough to judge the image:
 * [IMG001](IMG001.md) reports it, and this rule does not.
 *
 * ## Why
 *
 * Nothing can be checked about an image whose name is decided at build time, so the rules that judge
 * base images stay silent on it; this rule says so rather than letting silence read as approval.
 *
 * ## Examples
 *
 * ```dockerfile fails gen3
 * ARG BASE_IMAGE
 * FROM ${BASE_IMAGE}
 * RUN pip install -r requirements.txt
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * ```dockerfile passes gen3
 * ARG AZLINUX_BASE_VERSION=3.13-pythonnginx
 * FROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION}
 * USER gen3
 * CMD ["app"]
 * ```
 *
 * `${TAG:-3.13-pythonbase}` is not reported either, nor a variable given a value with
 * `--build-arg BASE_IMAGE=…` (CLI) or `containerStandards.buildArgs` (editor).
 *
 * ## Fix
 *
 * None: only the author knows the intended image. Give the `ARG` a default before the first `FROM`, or
 * pass the build argument.
 */
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
          message: `The base image depends on '${variable.name}', which has no default or build argument, so it cannot be checked.`,
        });
      }
    }
  },
});
