import type { DockerfileContext } from '../dockerfile/context';
import type { Rule } from '../rule';
import IMG001 from './IMG001-unapproved-base-image';
import USR001 from './USR001-missing-user';
import USR002 from './USR002-root-user';
import USR003 from './USR003-unexpected-user';
import USR004 from './USR004-user-after-entrypoint';
import USR005 from './USR005-copy-without-chown';
import STG001 from './STG001-production-uses-development-image';
import STG002 from './STG002-missing-stage';

/** Every Dockerfile rule, in code order. Add a rule: write its file, list it here, document it in docs/rules/. */
export const DOCKERFILE_RULES: ReadonlyArray<Rule<DockerfileContext>> = [
  IMG001,
  USR001,
  USR002,
  USR003,
  USR004,
  USR005,
  STG001,
  STG002,
];
