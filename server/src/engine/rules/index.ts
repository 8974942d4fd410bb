import type { DockerfileContext } from '../dockerfile/context';
import type { PythonRule } from '../python/rule';
import type { Rule } from '../rule';
import FIPS001 from './FIPS001-md5-without-usedforsecurity';
import FIPS002 from './FIPS002-non-approved-hash';
import FIPS003 from './FIPS003-md5-in-hmac-or-kdf';
import FIPS004 from './FIPS004-md5-reference';
import FIPS005 from './FIPS005-md5-for-security';
import IMG001 from './IMG001-unapproved-base-image';
import IMG002 from './IMG002-unknown-tag';
import IMG003 from './IMG003-feature-branch-tag';
import IMG004 from './IMG004-missing-tag';
import IMG005 from './IMG005-mirror-registry';
import IMG006 from './IMG006-unresolved-base';
import IMG007 from './IMG007-unsupported-python';
import IMG008 from './IMG008-deprecated-tag';
import IMG009 from './IMG009-floating-tag';
import IMG010 from './IMG010-stale-digest';
import USR001 from './USR001-missing-user';
import USR002 from './USR002-root-user';
import USR003 from './USR003-unexpected-user';
import USR004 from './USR004-user-after-entrypoint';
import USR005 from './USR005-copy-without-chown';
import USR006 from './USR006-root-required';
import PKG001 from './PKG001-package-manager-mismatch';
import STG001 from './STG001-production-uses-development-image';
import STG002 from './STG002-missing-stage';
import SCP001 from './SCP001-outside-standard';

/** Every Dockerfile rule, in code order. Add a rule: write its file, list it here, document it in docs/rules/. */
export const DOCKERFILE_RULES: ReadonlyArray<Rule<DockerfileContext>> = [
  IMG001,
  IMG002,
  IMG003,
  IMG004,
  IMG005,
  IMG006,
  IMG007,
  IMG008,
  IMG009,
  IMG010,
  USR001,
  USR002,
  USR003,
  USR004,
  USR005,
  USR006,
  STG001,
  STG002,
  PKG001,
  SCP001,
];

/** Every Python rule, in code order. */
export const PYTHON_RULES: readonly PythonRule[] = [FIPS001, FIPS002, FIPS003, FIPS004, FIPS005];
