import type { Profile } from '../profile/schema';
import type { Report, Rule } from '../rule';
import type { RuleMeta } from '../types';
import type { PythonContext } from './context';
import type { Node } from './parser';
import type { Symbols } from './symbols';

/** Called for each node of one kind, in document order, once the file's symbol model is complete. */
export type Visitor = (node: Node, context: VisitContext, report: (report: Report) => void) => void;

/** The context as visitors see it: the symbol model is always there once nodes are handed out. */
export type VisitContext = PythonContext & { symbols: Symbols };

/**
 * What a Python rule asks for, as ruff's checker and ESLint's `create()` visitors do: the node kinds it
 * wants, and a cheap precondition the engine checks before any node reaches it.
 */
export interface PythonRuleSpec {
  meta: RuleMeta;
  /** Profiles the rule applies under at all (the FIPS rules: profiles whose images run in FIPS mode); all when absent. */
  appliesTo?(profile: Profile): boolean;
  /**
   * The rule has something to say only where the file imports one of these modules (`import m`,
   * `import m as x`, `from m import f`, `from m import *`), as the shared symbol model answers. A file
   * whose text names none of them is not parsed for this rule at all.
   */
  imports?: readonly string[];
  /**
   * With `imports`: only nodes whose leading name an import of those modules binds reach the visitors
   * (`hashlib.md5(…)`, `h.new(…)`, `md5` after `from hashlib import md5`), which the walk can tell
   * without building the other nodes. Rules about a module's API want this; others leave it off and get
   * every node of their kinds.
   */
  viaImport?: boolean;
  /** Node kinds (tree-sitter Python node types) and what to do with each. */
  visit: Readonly<Record<string, Visitor>>;
}

export interface PythonRule extends Rule<PythonContext>, PythonRuleSpec {}

/** A Python rule: its nodes come from the one walk over the tree that every Python rule shares. */
export function definePythonRule(spec: PythonRuleSpec): PythonRule {
  return {
    ...spec,
    check(context, report) {
      context.nodes?.dispatch(this, context, report);
    },
  };
}
