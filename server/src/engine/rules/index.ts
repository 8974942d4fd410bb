import type { DockerfileContext } from '../dockerfile/context';
import type { Rule } from '../rule';
import IMG001 from './IMG001-unapproved-base-image';

/** Every Dockerfile rule, in code order. Add a rule: write its file, list it here, document it in docs/rules/. */
export const DOCKERFILE_RULES: ReadonlyArray<Rule<DockerfileContext>> = [IMG001];
