/** The engine's public face: the language server and the CLI import from here only. */
export { lint, allRules, atLeast, catalogFor, type LintOptions, type LintResult, type RuleSetting } from './lint';
export { applyFixes, SourceText } from './text';
export { languageOf } from './files';
export { builtinProfile, parseProfile, validateProfile, ProfileError, BUILTIN_PROFILES } from './profile/load';
export { Catalog, isRootUser } from './profile/catalog';
export type { Profile, Repository, Tag, TagPattern } from './profile/schema';
export { parseImageRef, canonicalRepository } from './imageRef';
export * from './types';
