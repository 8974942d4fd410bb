/** The engine's public face: the language server and the CLI import from here only. */
export { lint, fixChecker, allRules, ruleCodeOf, atLeast, catalogFor, type LintOptions, type LintResult, type RuleSetting, type ScopeSetting } from './lint';
export { applyFixes, planFixes, spliceText, SourceText, type Span } from './text';
export { languageOf, languageOfText, looksLikeDockerfile } from './files';
export { builtinProfile, parseProfile, validateProfile, ProfileError, BUILTIN_PROFILES } from './profile/load';
export { Catalog, isRootUser } from './profile/catalog';
export type { Profile, Repository, Tag, TagPattern } from './profile/schema';
export { parseLock, serializeLock, LockError, daysSince, daysAgo, type CatalogLock, type LockedRepository, type LockedTag } from './profile/lock';
export { parseImageRef, canonicalRepository } from './imageRef';
export * from './types';
export { dict, own } from './dict';
export { EncodedText, EncodingError } from './encoding';
export { completeImage, type ImageCompletion, type ImageCompletionKind } from './assist/complete';
export { hoverImage, type ImageHover } from './assist/hover';
export { lineage } from './assist/describe';
export { chosenFix, fixPasses, verifyFix, type DroppedFix, type FixChecker, type FixMode, type FixResult } from './fixAll';
export { CONFIG_FILE, DEFAULT_PROFILE, SCOPES, parseConfig, extendProfile, isExcluded, overridesFor, type Scope, type ProjectConfig, type ProfileRef, type ConfigProblem, type Additions, type Override } from './config/config';
export { parseJson, leadingPath, type JsonProblem } from './config/json';
