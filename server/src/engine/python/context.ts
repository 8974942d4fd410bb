import type { Catalog } from '../profile/catalog';
import type { Profile } from '../profile/schema';
import type { SourceText } from '../text';
import type { NodeIndex } from './dispatch';
import type { Tree } from './parser';
import type { FilePragmas, LinePragmas } from './pragmas';
import type { Reachability } from './reachability';
import type { ParseMemo } from './parser';
import type { ReusePlan } from './reuse';
import type { Symbols } from './symbols';

/** What the Python rules see: the source, the shared symbol model, the profile, and where imports go. */
export interface PythonContext {
  source: SourceText;
  /** Absent when no rule's precondition holds for the file (then it was not walked, or not even parsed). */
  symbols?: Symbols;
  /** The nodes the rules asked for, handed out by `definePythonRule`'s check. */
  nodes?: NodeIndex;
  pragmas: LinePragmas;
  /** `# container-standards ignore-file=…` and ruff's file-level `# ruff: noqa`. */
  filePragmas: FilePragmas;
  profile: Profile;
  catalog: Catalog;
  /** Where a new top-level import goes: after leading comments, the docstring and `from __future__` imports. */
  importLine(): number;
  /** Code that no Python version of the profile runs (under a `sys.version_info` test): nothing there is reported. */
  reachability?: Reachability;
  /** The editor's document memo, and what this check carried over from the last one (see reuse.ts). */
  reuse?: { memo: ParseMemo; key: string; plan?: ReusePlan; importLine(): number | undefined };
  /** Freed by `dispose` once the rules have run; nothing may read nodes after that. */
  tree?: Tree;
}
