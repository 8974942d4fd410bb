/**
 * A profile describes one organisation's image standard as data. Rules read it; no rule names an
 * organisation. `profiles/profile.schema.json` is the JSON Schema for the same shape.
 */
export interface Profile {
  id: string;
  title: string;
  /** Where the standard is written down; shown in hovers and rule messages. */
  documentation?: string;
  user: RuntimeUser;
  python: { supported: string[]; source?: string };
  /** The base images enable FIPS mode, so the Python FIPS rules apply. */
  fips: boolean;
  repositories: Repository[];
  /** Images the organisation used before; IMG001 names them and proposes their successor. */
  retired?: RetiredImage[];
  recommendations: Recommendations;
  stages?: StageConventions;
  /** Which Dockerfiles the standard covers; absent means every Dockerfile. */
  scope?: Scope;
  /** When the facts were last checked and where they come from. */
  data?: ProfileData;
}

/**
 * `python-applications`: the image and user rules apply only to Dockerfiles that show evidence of
 * building a Python application (or build on one of the profile's images); others get one SCP001 note.
 * `all-images`: every Dockerfile.
 */
export type ScopeKind = 'python-applications' | 'all-images';

export interface Scope {
  covers: ScopeKind;
  /** What the standard covers, in the standard's words; shown in SCP001 and `profiles`. */
  description: string;
  /** Key of `data.sources`. */
  source?: string;
}

export interface ProfileData {
  /** The day the facts were last checked against their sources, YYYY-MM-DD. */
  checked: string;
  sources: SourceCitations;
}

/** Where the facts come from: a key (used by the facts' `source`) → a citation a person can follow. */
export interface SourceCitations {
  [key: string]: string;
}

/**
 * `named`: the container must run as exactly this user (Gen3: gen3, UID/GID 1000).
 * `non-root`: any user but root meets the standard; `name` is the one the profile's images create.
 */
export type UserRequirement = 'named' | 'non-root';

export interface RuntimeUser {
  name: string;
  uid: number;
  gid: number;
  group: string;
  /** Absent means `named`. */
  require?: UserRequirement;
  /** The standard asks every Dockerfile to switch to the user itself, even when the base already did. */
  requireExplicit: boolean;
  source?: string;
}

export type RepositoryRole = 'base' | 'production' | 'development';

export interface Repository {
  /** As users write it in FROM, e.g. `quay.io/cdis/amazonlinux-base` or `defradigital/python`. */
  name: string;
  role: RepositoryRole;
  description: string;
  /** Same images served from another place; pulling from them is IMG005. */
  mirrors?: Alias[];
  tags: Tag[];
  tagPatterns?: TagPattern[];
  /** Key of `data.sources`. */
  source?: string;
  os?: BaseOs;
}

/** What the repository's images run on: the package managers a RUN may use (PKG001), the first for fixes. */
export interface BaseOs {
  family: string;
  packageManagers: string[];
}

export interface Alias {
  name: string;
  note: string;
}

export type TagStatus = 'stable' | 'deprecated' | 'floating' | 'rejected';

export interface Tag {
  name: string;
  status: TagStatus;
  /** Image or tag (of the same repository) it is built from. */
  from: string;
  /** The user the image ends as; `root` when it sets none. */
  user: string;
  python?: string;
  contains: string;
  /** Non-root users the image defines, its parents' included; USR001's fix is safe only for a listed user. */
  users?: string[];
  /** For deprecated and rejected tags: what to use instead. */
  replacement?: string;
  note?: string;
  /** Key of `data.sources`: where this tag's facts were read. */
  source?: string;
}

export type TagPatternKind = 'feature-branch' | 'release' | 'floating';

export interface TagPattern {
  kind: TagPatternKind;
  /** Human form, e.g. `<branch>-3.13-<component>`. */
  pattern: string;
  /** Anchored; named groups `python` (X.Y), `component`, `branch` are understood. */
  regex: string;
  /** For feature-branch tags: the stable tag, with `{group}` placeholders. */
  stable?: string;
  examples: string[];
  user: string;
  users?: string[];
  description: string;
}

export interface RetiredImage {
  name: string;
  note: string;
  replacement: string;
  source?: string;
}

export interface Recommendations {
  /** Image for a stage no other recommendation fits. */
  default: string;
  /** The first entry whose `stageName` pattern matches a stage's alias wins. */
  stages?: Array<{ stageName: string; image: string }>;
}

export interface StageConventions {
  /** Stage aliases that count as production besides the final stage. */
  productionNames: string[];
  /** Repository roles that must not be the base of a production stage. */
  forbiddenInProduction: RepositoryRole[];
  /** Stage aliases a multi-stage Dockerfile is expected to define. */
  expected?: string[];
}
