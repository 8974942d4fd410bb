import type { Catalog } from '../profile/catalog';
import type { Profile } from '../profile/schema';
import type { SourceText } from '../text';
import type { HashingUses } from './hashing';
import type { Tree } from './parser';
import type { FilePragmas, LinePragmas } from './pragmas';
import type { Symbols } from './symbols';

/** What the Python rules see: the source, its hashing calls and name bindings, and the profile. */
export interface PythonContext {
  source: SourceText;
  uses: HashingUses;
  /** Absent when the file never mentions hashlib or hmac (then there are no uses either). */
  symbols?: Symbols;
  pragmas: LinePragmas;
  /** `# container-standards ignore-file=…` and ruff's file-level `# ruff: noqa`. */
  filePragmas: FilePragmas;
  profile: Profile;
  catalog: Catalog;
  /** Where a new top-level import goes: after the docstring and `from __future__` imports. */
  importLine: number;
  /** Freed by `dispose` once the rules have run; nothing may read nodes after that. */
  tree?: Tree;
}
