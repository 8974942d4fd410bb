import type { Report } from '../rule';
import type { PythonContext } from './context';
import type { ImportIndex } from './imports';
import type { Node } from './parser';
import type { PythonRuleSpec, VisitContext } from './rule';

/** Anything that wants nodes from the walk: a rule, or the engine's own reachability analysis. */
export type Subscriber = Pick<PythonRuleSpec, 'imports' | 'viaImport'> & { kinds: readonly string[] };

/** The leading name of an expression, read from the text: `hashlib` of `hashlib.md5(x)` and of `(hashlib.md5)(x)`. */
const LEADING_NAME = /[(\s]*([\p{ID_Continue}]+)/uy;

interface Entry {
  node: Node;
  /** Its leading name, for subscribers that want only names an import binds. */
  name: string;
}

/**
 * The nodes that subscribers asked for, handed to each after the walk, when the symbol model is
 * complete. Only subscribers whose precondition holds (the file imports one of their modules) count.
 *
 * Two sources, whichever is cheaper for what was asked:
 * - Kinds some subscriber wants every node of: the one walk over the tree (`Symbols`) keeps them.
 * - `viaImport` subscribers want only uses of a module's API: a name an import binds, the attributes
 *   read from it and the call of that chain (`hashlib`, `hashlib.md5`, `hashlib.md5(…)`, `md5(…)`
 *   after `from hashlib import md5`). Those start where the name does, so they are found from the
 *   places the text spells one of those names: the tree says what is there (an identifier, not a
 *   string or a comment or a longer name) and what encloses it. That builds a few nodes per use
 *   instead of reading every identifier during the walk.
 */
export class NodeIndex {
  /** Kinds the walk keeps, and whether it reads their leading names. */
  private readonly walked = new Map<string, Entry[]>();
  private readonly found = new Map<string, Entry[]>();
  /** Per active subscriber, the leading names it wants (`'any'`: every node of its kinds). */
  private readonly names = new Map<Subscriber, Set<string> | 'any'>();
  private readonly readNames: boolean;

  constructor(
    imports: ImportIndex,
    /** Subscribers whose preconditions hold. */
    active: readonly Subscriber[],
    root: Node,
    private readonly text: string,
    /** Only the nodes within these offsets (the statements `reuse.ts` reads again); all when absent. */
    private readonly within?: { start: number; end: number },
  ) {
    const byName = new Map<string, Set<string>>(); // kind → names wanted by viaImport subscribers
    for (const s of active) {
      const names = s.viaImport && s.imports ? imports.namesOf(s.imports) : 'any';
      this.names.set(s, names);
      for (const kind of s.kinds) {
        if (names === 'any') this.walked.set(kind, []);
        else {
          const wanted = byName.get(kind) ?? new Set<string>();
          for (const n of names) wanted.add(n);
          byName.set(kind, wanted);
        }
      }
    }
    this.readNames = [...byName.keys()].some((kind) => this.walked.has(kind));
    for (const kind of this.walked.keys()) byName.delete(kind);
    if (byName.size) this.findUses(root, byName);
  }

  /** Whether a subscriber's precondition holds for this file. */
  static applies(s: Pick<Subscriber, 'imports'>, imports: ImportIndex): boolean {
    return !s.imports || imports.importsAny(s.imports);
  }

  /** The kinds some subscriber wants every node of: the symbol model's query finds them. */
  walkedKinds(): string[] {
    return [...this.walked.keys()];
  }

  /** Called by the symbol model for every node of `walkedKinds()`, in document order, outer before inner. */
  visit(node: Node, type: string): void {
    const entries = this.walked.get(type);
    if (!entries) return;
    let name = '';
    if (this.readNames) {
      LEADING_NAME.lastIndex = node.startIndex;
      name = LEADING_NAME.exec(this.text)?.[1] ?? '';
    }
    entries.push({ node, name });
  }

  /** Hands a subscriber the nodes of one of its kinds, in document order; nothing when its precondition failed. */
  forEach(s: Subscriber, kind: string, each: (node: Node) => void): void {
    const names = this.names.get(s);
    const entries = this.walked.get(kind) ?? this.found.get(kind);
    if (!names || !entries) return;
    for (const e of entries) if (names === 'any' || names.has(e.name)) each(e.node);
  }

  /** Runs a rule's visitors over the nodes it asked for. */
  dispatch(rule: PythonRuleSpec, context: PythonContext, report: (r: Report) => void): void {
    const s = subscriberOf(rule);
    if (!context.symbols || !this.names.has(s)) return;
    const visiting = context as VisitContext;
    for (const [kind, visitor] of Object.entries(rule.visit)) this.forEach(s, kind, (node) => visitor(node, visiting, report));
  }

  /** Uses of imported names: each spelling of a wanted name that is an identifier, up its attribute chain to the call of it. */
  private findUses(root: Node, byKind: Map<string, Set<string>>): void {
    const all = new Set<string>();
    for (const [kind, names] of byKind) {
      this.found.set(kind, []);
      for (const n of names) all.add(n);
    }
    const keep = (kind: string, node: Node, name: string) => {
      if (byKind.get(kind)?.has(name)) this.found.get(kind)!.push({ node, name });
    };
    // Every spelling of a wanted name, in text order, so one descent of the tree finds them all.
    const uses: Array<{ at: number; name: string }> = [];
    for (const name of all) {
      const { start, end } = this.within ?? { start: 0, end: this.text.length };
      for (let at = this.text.indexOf(name, start); at !== -1 && at < end; at = this.text.indexOf(name, at + name.length)) {
        if (!isNameChar(this.text, at - 1) && !isNameChar(this.text, at + name.length)) uses.push({ at, name }); // not part of a longer word
      }
    }
    uses.sort((a, b) => a.at - b.at);
    // The path from the root down to each name, kept on a stack: `.parent` costs time in proportion to
    // depth in the WebAssembly binding, so walking up a 100,000-deep chain by it would be quadratic.
    pathsTo(
      root,
      uses.map((u) => u.at),
      (path, k) => {
        const { at, name } = uses[k];
        const identifier = path[path.length - 1];
        if (identifier?.type !== 'identifier' || identifier.startIndex !== at || identifier.endIndex !== at + name.length) return;
        keep('identifier', identifier, name);
        // Up the chain: `(x)`, `x.a`, `x.a.b`, then the call of it; each starts with the name (or its parentheses).
        for (let i = path.length - 1; i > 0; i--) {
          const n = path[i];
          const p = path[i - 1];
          if (p.type === 'parenthesized_expression') continue;
          if (p.startIndex !== n.startIndex) break;
          if (p.type === 'attribute') keep('attribute', p, name);
          else {
            if (p.type === 'call') keep('call', p, name);
            break;
          }
        }
      },
    );
    // Document order, the outer of two nodes that start together first (as a walk would give them).
    for (const entries of this.found.values()) entries.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  }
}

/**
 * For each offset (ascending), the nodes from the root down to the deepest one that spans it, outermost
 * first, handed to `each` with the offset's position in `offsets` (the array is reused: read it there).
 * One cursor descent serves all offsets: it moves on from where the last one left it, so each node is
 * passed at most once, where a descent from the root per offset would pass every statement before it.
 */
export function pathsTo(root: Node, offsets: readonly number[], each: (path: readonly Node[], k: number) => void): void {
  // By siblings, not gotoFirstChildForIndex: this WebAssembly binding's version of it never moves.
  const cursor = root.walk();
  const path = [root];
  // Whether the cursor is at the path's last node (else at one of its children, past the path), and
  // whether it came back up there from its last child (all its children end before the offset).
  let onPath = true;
  let cameUp = false;
  try {
    for (let k = 0; k < offsets.length; k++) {
      const at = offsets[k];
      for (;;) {
        if (onPath) {
          if (path.length > 1 && path[path.length - 1].endIndex <= at) {
            path.pop();
            onPath = false;
          } else if (cameUp || !cursor.gotoFirstChild()) break;
          else onPath = false;
        } else if (cursor.endIndex <= at) {
          if (cursor.gotoNextSibling()) continue;
          cursor.gotoParent();
          onPath = cameUp = true;
        } else if (cursor.startIndex > at) break;
        else {
          path.push(cursor.currentNode);
          onPath = true;
          cameUp = false;
        }
      }
      each(path, k);
    }
  } finally {
    cursor.delete();
  }
}

const NAME_CHAR = /[\p{ID_Continue}]/u;

function isNameChar(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (Number.isNaN(c)) return false;
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return NAME_CHAR.test(text[at]);
}

const subscribers = new WeakMap<PythonRuleSpec, Subscriber>();

/** A rule as a subscriber: its visitors' kinds and its precondition (one object per rule, so it can key maps). */
export function subscriberOf(rule: PythonRuleSpec): Subscriber {
  let s = subscribers.get(rule);
  if (!s) subscribers.set(rule, (s = { kinds: Object.keys(rule.visit), imports: rule.imports, viaImport: rule.viaImport }));
  return s;
}
