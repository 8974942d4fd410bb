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
  python: { supported: string[] };
  /** The base images enable FIPS mode, so the Python FIPS rules apply. */
  fips: boolean;
  repositories: Repository[];
  /** Images the organisation used before; IMG001 names them and proposes their successor. */
  retired?: RetiredImage[];
  recommendations: Recommendations;
  stages?: StageConventions;
}

export interface RuntimeUser {
  name: string;
  uid: number;
  gid: number;
  group: string;
  /** The standard asks every Dockerfile to switch to the user itself, even when the base already did. */
  requireExplicit: boolean;
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
  /** For deprecated and rejected tags: what to use instead. */
  replacement?: string;
  note?: string;
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
  description: string;
}

export interface RetiredImage {
  name: string;
  note: string;
  replacement: string;
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
