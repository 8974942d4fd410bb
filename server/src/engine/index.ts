/**
 * The engine's public face (lint, fix, profiles): the layers above it (assist, lsp, cli) import from here
 * only. Editor features (completion and hover data) live above it, in server/src/assist/.
 */
export {
  lint,
  fixChecker,
  allRules,
  languageApplies,
  ruleCodeOf,
  atLeast,
  catalogFor,
  type LintOptions,
  type LintResult,
  type RuleSetting,
  type ScopeSetting,
} from './lint';
export { applyFixes, spliceText, SourceText, type Span } from './text';
export { languageOf, looksLikeDockerfile } from './files';
export { builtinProfile, parseProfile, validateProfile, ProfileError, BUILTIN_PROFILES } from './profile/load';
export { Catalog, type TagInfo } from './profile/catalog';
export type { Profile, Repository, Tag, TagPattern } from './profile/schema';
export { parseLock, serializeLock, LockError, daysSince, daysAgo, lockedUser, type CatalogLock, type LockedRepository, type LockedTag } from './profile/lock';
export { parseImageRef, canonicalRepository } from './imageRef';
export * from './types';
export { dict, own } from './dict';
export { EncodedText, EncodingError } from './encoding';
// What editor features above the engine (server/src/assist/) read: the Dockerfile model and the catalog's published tags.
export { buildModel, type DockerModel, type Stage } from './dockerfile/model';
export { publishedChoices, compareVersions } from './dockerfile/published';
export { comparePositions, rangeContains } from './text';
export { chosenFix, fixPasses, verifyFix, type DroppedFix, type FixChecker, type FixMode, type FixResult } from './fixAll';
export {
  CONFIG_FILE,
  DEFAULT_PROFILE,
  parseConfig,
  extendProfile,
  isExcluded,
  overridesFor,
  type Scope,
  type ProjectConfig,
  type ProfileRef,
  type ConfigProblem,
  type Additions,
  type Override,
} from './config/config';
export { parseJson, leadingPath, type JsonProblem } from './config/json';
export { suppressionHelp } from './pragmaCodes';
export { ParseMemo } from './python/parser';
