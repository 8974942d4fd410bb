import type { NodeIndex } from './dispatch';
import { namedCaptures, type Node } from './parser';

/** What a name is bound to: an imported module, a member imported from one, or anything else. */
export type Binding = { kind: 'module'; module: string } | { kind: 'member'; module: string; name: string } | { kind: 'local' };

interface Scope {
  node: Node;
  isClass: boolean;
  parent?: Scope;
  /** Bindings per name, in source order; `fallback` when made in an `except` clause. */
  bindings: Map<string, Array<{ at: number; binding: Binding; fallback: boolean }>>;
  /** Modules imported with `from m import *`. */
  wildcards: string[];
}

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);
const BINDING_TYPES = new Set([
  ...SCOPE_TYPES,
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'for_statement',
  'for_in_clause',
  'named_expression',
  'as_pattern',
]);
const TARGET_LISTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'as_pattern_target', 'list_splat_pattern']);

/** A definition's body or a lambda's parameters: from `start` to `end`, names are looked up in `scope`. */
interface Region {
  start: number;
  end: number;
  scope: Scope;
}

/** Keeps `ahead` ordered by start, the next last (an inner definition's regions begin before its outer one's body: on top). */
function insertRegion(ahead: Region[], region: Region): void {
  let i = ahead.length;
  while (i > 0 && ahead[i - 1].start < region.start) i--;
  ahead.splice(i, 0, region);
}

/** One module-level binding (or `from m import *`), in the order the model made it: what `reuse.ts` carries from one version to the next. */
export type ModuleBinding =
  | { name: string; at: number; binding: Binding; fallback: boolean; wildcard?: undefined }
  | { wildcard: string; at: number; name?: undefined; binding?: undefined; fallback?: undefined };

/** A model of only some module-level statements (the edited ones), with the other statements' module-level bindings carried in. */
export interface Partial {
  /** The statements to read, in document order (children of the root). */
  statements: readonly Node[];
  /** The other statements' module-level bindings before them, and after them, each in the order made. */
  before: readonly ModuleBinding[];
  after: readonly ModuleBinding[];
}

/** A node the model reads, and why: it binds names, is an `except` clause, a comment, or of a kind a rule wants every node of. */
interface Found {
  name: string;
  node: Node;
}

/**
 * The query engine keeps depths in 16 bits and loses the nodes deeper than that (100,000 nested
 * lambdas). A tree is no deeper than one level more than its biggest module-level statement has nodes,
 * so the whole tree is queried when none has more than this; one that has is read by a walk.
 */
const MAX_QUERY_NODES = 0xff00;

/**
 * The nodes the model reads: by the query, or, where a module-level statement is too big for it, by
 * statement. `statement`: `root` is one module-level statement.
 */
function findFor(root: Node, walkedKinds: readonly string[], statement = false): Found[] {
  if (root.descendantCount <= MAX_QUERY_NODES) return queryFor(root, walkedKinds);
  if (statement) return walkFor(root, walkedKinds);
  const statements = root.children.filter((s): s is Node => !!s);
  const huge = statements.map((s) => s.descendantCount > MAX_QUERY_NODES);
  if (!huge.includes(true)) return queryFor(root, walkedKinds);
  const found: Found[] = [];
  statements.forEach((statement, i) => {
    for (const f of huge[i] ? walkFor(statement, walkedKinds) : queryFor(statement, walkedKinds)) found.push(f);
  });
  return found;
}

/** The nodes the model reads, by one query, in document order, outer before inner. */
function queryFor(root: Node, walkedKinds: readonly string[]): Found[] {
  const binding = [...BINDING_TYPES].map((t) => `(${t})`).join(' ');
  const walked = walkedKinds.length ? `[${walkedKinds.map((t) => `(${t})`).join(' ')}] @walked` : '';
  const found: Found[] = namedCaptures(root, `[${binding}] @binding (except_clause) @except (comment) @comment ${walked}`);
  // The engine gives them by start; nodes that start together go outer first (reading ends only for those).
  for (let i = 1; i < found.length; i++) {
    if (found[i].node.startIndex !== found[i - 1].node.startIndex) continue;
    let j = i;
    while (j + 1 < found.length && found[j + 1].node.startIndex === found[i].node.startIndex) j++;
    const run = found.slice(i - 1, j + 1).map((f, k) => ({ f, k, end: f.node.endIndex }));
    run.sort((a, b) => b.end - a.end || a.k - b.k);
    for (let k = 0; k < run.length; k++) found[i - 1 + k] = run[k].f;
    i = j;
  }
  return found;
}

/** The same nodes by a pre-order cursor walk (no recursion: trees deeper than the query engine handles). */
function walkFor(root: Node, walkedKinds: readonly string[]): Found[] {
  const walked = new Set(walkedKinds);
  const found: Found[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const name = BINDING_TYPES.has(type) ? 'binding' : type === 'except_clause' ? 'except' : type === 'comment' ? 'comment' : undefined;
      if (name) found.push({ name, node: cursor.currentNode });
      if (walked.has(type)) found.push({ name: 'walked', node: cursor.currentNode });
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return found;
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Python's name binding, as far as a linter needs it: which module or imported member a name or a
 * dotted expression stands for at a given place, so `h.md5` after `import hashlib as h` is hashlib's
 * md5 and a local `def md5` is not.
 *
 * Built from the few nodes it needs (binding statements, definitions and lambdas, `except` clauses),
 * found by one tree-sitter query, which runs inside WebAssembly instead of crossing into it for every
 * node. They are read in document order with the enclosing scopes on explicit stacks (no `.parent`
 * walks, which cost the depth of the node each in the WebAssembly binding, and no recursion, so a
 * 100,000-deep nest cannot overflow the call stack). The same query finds the comments, for the
 * pragmas, and the kinds the rules want every node of, for the rules' `NodeIndex`.
 */
export class Symbols {
  private readonly all: Scope[] = [];
  private readonly module: Scope;
  /**
   * The scope in force from each offset on, in document order: a flat partition of the text, so the
   * scope of any node is one binary search away (`scopeOf`).
   */
  private readonly boundaries: number[] = [];
  private readonly boundaryScopes: Scope[] = [];
  /** `qualifiedName` per node id: several rules ask about the same callee. */
  private readonly names = new Map<number, string | undefined>();
  /** Comment nodes, in document order. */
  readonly comments: Node[] = [];
  /** The module-level bindings, in the order made (module-level statements never interleave, so by statement). */
  readonly moduleBindings: ModuleBinding[] = [];

  /**
   * `walk`: find the nodes by a cursor walk, as a tree too deep for the query does (for tests).
   * `partial`: read only those statements, the rest of the module's bindings given (see `reuse.ts`).
   */
  constructor(root: Node, nodes?: NodeIndex, { walk = false, partial }: { walk?: boolean; partial?: Partial } = {}) {
    this.module = this.scope(root, false);
    const kinds = nodes?.walkedKinds() ?? [];
    if (!partial) {
      this.sweep(walk ? walkFor(root, kinds) : findFor(root, kinds), nodes);
      return;
    }
    // A module-level statement starts and ends with no scope, `except` clause or definition open, so
    // reading some of them alone, between the others' bindings, makes the same model for those statements.
    this.replay(partial.before);
    const found: Found[] = [];
    for (const statement of partial.statements) for (const f of findFor(statement, kinds, true)) found.push(f);
    this.sweep(found, nodes);
    this.replay(partial.after);
  }

  private replay(bindings: readonly ModuleBinding[]): void {
    for (const b of bindings) {
      if (b.wildcard !== undefined) this.wildcard(this.module, b.wildcard, b.at);
      else this.bindAt(this.module, b.name, b.at, b.binding, b.fallback);
    }
  }

  /** `hashlib`, `hashlib.md5`, `hmac.new` … for a name or attribute chain; `undefined` when it is local or unknown. */
  qualifiedName(node: Node): string | undefined {
    if (this.names.has(node.id)) return this.names.get(node.id);
    const name = this.resolve(node);
    this.names.set(node.id, name);
    return name;
  }

  private resolve(node: Node): string | undefined {
    // Down the chain by a loop, not recursion: `x.a.a…` may be 100,000 attributes deep.
    const attributes: string[] = [];
    let n = node;
    for (;;) {
      if (n.type === 'attribute') {
        const object = n.childForFieldName('object');
        const attribute = n.childForFieldName('attribute');
        if (!object || !attribute) return undefined;
        attributes.push(attribute.text);
        n = object;
      } else if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) {
        n = n.namedChildren[0]!;
      } else break;
    }
    if (n.type !== 'identifier') return undefined;
    const binding = this.lookup(n.text, n);
    let base: string;
    if (binding?.kind === 'module') base = binding.module;
    else if (binding?.kind === 'member') base = `${binding.module}.${binding.name}`;
    else return undefined;
    return attributes.length ? `${base}.${attributes.reverse().join('.')}` : base;
  }

  /** A name in scope at `at` that stands for `module` (e.g. `h` after `import hashlib as h`), to write new references with. */
  moduleAlias(module: string, at: Node): string | undefined {
    for (let s: Scope | undefined = this.scopeOf(at); s; s = s.parent) {
      for (const [name, entries] of s.bindings) {
        const b = entries[entries.length - 1].binding;
        if (b.kind === 'module' && b.module === module && this.lookup(name, at)?.kind === 'module') return name;
      }
    }
    return undefined;
  }

  private lookup(name: string, at: Node): Binding | undefined {
    const start = this.scopeOf(at);
    for (let s: Scope | undefined = start; s; s = s.parent) {
      // A class body's names are not visible inside its methods.
      if (s.isClass && s !== start) continue;
      const entries = s.bindings.get(name);
      if (entries) {
        const before = entries.filter((e) => e.at <= at.startIndex);
        // `try: import x` / `except ImportError: x = None`: when the import works, the name is the module.
        const preferred = before.filter((e) => !e.fallback);
        const chosen = preferred.length ? preferred[preferred.length - 1] : before.length ? before[before.length - 1] : entries[0];
        return chosen.binding;
      }
      if (s === this.module && s.wildcards.length) return { kind: 'member', module: s.wildcards[s.wildcards.length - 1], name };
    }
    return undefined;
  }

  /** Decorators, defaults and a definition's name belong to the enclosing scope; the body (and a lambda's parameters) to the new one. */
  private scopeOf(node: Node): Scope {
    const at = node.startIndex;
    let lo = 0;
    let hi = this.boundaries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.boundaries[mid] <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found === -1 ? this.module : this.boundaryScopes[found];
  }

  private scope(node: Node, isClass: boolean, parent?: Scope): Scope {
    const scope: Scope = { node, isClass, parent, bindings: new Map(), wildcards: [] };
    this.all.push(scope);
    return scope;
  }

  private bind(scope: Scope, name: string, at: Node, binding: Binding, fallback: boolean): void {
    this.bindAt(scope, name, at.startIndex, binding, fallback);
  }

  private bindAt(scope: Scope, name: string, at: number, binding: Binding, fallback: boolean): void {
    const entries = scope.bindings.get(name) ?? [];
    entries.push({ at, binding, fallback });
    scope.bindings.set(name, entries);
    if (scope === this.module) this.moduleBindings.push({ name, at, binding, fallback });
  }

  private wildcard(scope: Scope, module: string, at: number): void {
    scope.wildcards.push(module);
    if (scope === this.module) this.moduleBindings.push({ wildcard: module, at });
  }

  private enterScope(offset: number, scope: Scope): void {
    this.boundaries.push(offset);
    this.boundaryScopes.push(scope);
  }

  /**
   * Reads the nodes the model needs in document order, outer before inner: the binding statements,
   * definitions and lambdas (`collect`), `except` clauses, comments, and the kinds the rules want every
   * node of. Kept on stacks: the scope regions (bodies, a lambda's parameters) entered and not yet left,
   * those not yet reached, and the open `except` clauses and definitions (the nearest says whether a
   * binding is made in an `except` clause of its own scope).
   */
  private sweep(found: readonly Found[], nodes: NodeIndex | undefined): void {
    const open: Array<{ end: number; outer: Scope }> = [];
    const ahead: Region[] = []; // by start, the next last
    const flags: Array<{ end: number; except: boolean }> = [];
    let scope = this.module;
    // Leaves the regions that ended and enters those that began, in the order a walk of the tree would.
    const reach = (at: number) => {
      for (;;) {
        const inner = open[open.length - 1];
        const next = ahead[ahead.length - 1];
        if (inner && inner.end <= at && (!next || inner.end <= next.start)) {
          open.pop();
          scope = inner.outer;
          this.enterScope(inner.end, scope);
        } else if (next && next.start <= at) {
          ahead.pop();
          open.push({ end: next.end, outer: scope });
          scope = next.scope;
          this.enterScope(next.start, scope);
        } else break;
      }
      while (flags.length && flags[flags.length - 1].end <= at) flags.pop();
    };
    for (const { name, node } of found) {
      reach(node.startIndex);
      if (name === 'binding') {
        const opens = this.collect(node, scope, flags.length > 0 && flags[flags.length - 1].except);
        if (!opens) continue;
        flags.push({ end: node.endIndex, except: false });
        const parameters = node.type === 'lambda' ? node.childForFieldName('parameters') : null;
        for (const region of [node.childForFieldName('body'), parameters?.type === 'lambda_parameters' ? parameters : null]) {
          if (region) insertRegion(ahead, { start: region.startIndex, end: region.endIndex, scope: opens });
        }
      } else if (name === 'except') flags.push({ end: node.endIndex, except: true });
      else if (name === 'comment') this.comments.push(node);
      else nodes?.visit(node, node.type);
    }
    reach(Infinity);
  }

  /** Binds what a node binds; returns the scope a definition or lambda opens. */
  private collect(node: Node, scope: Scope, inExcept: boolean): Scope | undefined {
    switch (node.type) {
      case 'import_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            // `import a.b` binds `a`.
            const first = child.namedChildren[0]!;
            this.bind(scope, first.text, node, { kind: 'module', module: first.text }, inExcept);
          } else if (child.type === 'aliased_import') {
            const alias = child.childForFieldName('alias');
            const name = child.childForFieldName('name');
            if (alias && name) this.bind(scope, alias.text, node, { kind: 'module', module: name.text }, inExcept);
          }
        }
        return undefined;
      case 'import_from_statement': {
        const moduleName = node.childForFieldName('module_name');
        const module = moduleName?.text ?? '';
        for (const child of node.namedChildren) {
          if (!child || child.id === moduleName?.id) continue;
          if (child.type === 'wildcard_import') this.wildcard(scope, module, node.startIndex);
          else if (child.type === 'dotted_name') this.bind(scope, child.text, node, { kind: 'member', module, name: child.text }, inExcept);
          else if (child.type === 'aliased_import') {
            const alias = child.childForFieldName('alias');
            const name = child.childForFieldName('name');
            if (alias && name) this.bind(scope, alias.text, node, { kind: 'member', module, name: name.text }, inExcept);
          }
        }
        return undefined;
      }
      case 'function_definition':
      case 'class_definition':
      case 'lambda': {
        const name = node.childForFieldName('name');
        if (name) this.bind(scope, name.text, node, { kind: 'local' }, inExcept);
        const inner = this.scope(node, node.type === 'class_definition', scope);
        const parameters = node.childForFieldName('parameters');
        if (parameters) this.bindParameters(parameters, inner);
        return inner;
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        this.bindTargets(node.childForFieldName('left'), scope, inExcept);
        return undefined;
      case 'named_expression':
        this.bindTargets(node.childForFieldName('name'), scope, inExcept);
        return undefined;
      case 'as_pattern':
        this.bindTargets(node.childForFieldName('alias'), scope, inExcept);
        return undefined;
    }
    return undefined;
  }

  /** Parameter names bind inside the function (their default values are read outside it, by scopeOf). */
  private bindParameters(parameters: Node, inner: Scope): void {
    for (const p of parameters.namedChildren) {
      if (!p) continue;
      const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
      if (name) this.bind(inner, name.text, name, { kind: 'local' }, false);
    }
  }

  /** Names in an assignment target, nested tuples and lists included (by a work list: targets nest without limit). */
  private bindTargets(target: Node | null, scope: Scope, inExcept: boolean): void {
    const pending: Node[] = target ? [target] : [];
    const names: Node[] = [];
    while (pending.length) {
      const t = pending.pop()!;
      if (t.type === 'identifier') names.push(t);
      else if (TARGET_LISTS.has(t.type)) {
        const children = t.namedChildren;
        for (let i = children.length - 1; i >= 0; i--) if (children[i]) pending.push(children[i]!);
      }
    }
    // In source order, as the recursive version bound them.
    for (const name of names) this.bind(scope, name.text, name, { kind: 'local' }, inExcept);
  }
}
