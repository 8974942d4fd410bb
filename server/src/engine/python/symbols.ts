import type { NodeIndex } from './dispatch';
import type { Node } from './parser';

/** What a name is bound to: an imported module, a member imported from one, or anything else. */
type Binding = { kind: 'module'; module: string } | { kind: 'member'; module: string; name: string } | { kind: 'local' };

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

/**
 * Python's name binding, as far as a linter needs it: which module or imported member a name or a
 * dotted expression stands for at a given place, so `h.md5` after `import hashlib as h` is hashlib's
 * md5 and a local `def md5` is not.
 *
 * Built in one cursor walk over the tree that keeps the enclosing scopes on an explicit stack (no
 * `.parent` walks, which cost the depth of the node each in the WebAssembly binding, and no recursion,
 * so a 100,000-deep nest cannot overflow the call stack). The same walk collects the comments, for the
 * pragmas, and hands every node to the rules' `NodeIndex`, which keeps the kinds the rules asked for.
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

  constructor(root: Node, nodes?: NodeIndex) {
    this.module = this.scope(root, false);
    this.walk(root, nodes);
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
    const entries = scope.bindings.get(name) ?? [];
    entries.push({ at: at.startIndex, binding, fallback });
    scope.bindings.set(name, entries);
  }

  private enterScope(offset: number, scope: Scope): void {
    this.boundaries.push(offset);
    this.boundaryScopes.push(scope);
  }

  /**
   * Pre-order walk with a tree cursor. Per depth it keeps: the scope of the node, the scope its body
   * opens (for definitions and lambdas), whether it sits in an `except` clause of its own scope, and
   * where a scope region it opened ends.
   */
  private walk(root: Node, nodes: NodeIndex | undefined): void {
    const cursor = root.walk();
    const types: string[] = [];
    const scopes: Scope[] = [];
    const inner: Array<Scope | undefined> = [];
    const excepts: boolean[] = [];
    const regionEnds: number[] = [];
    let depth = 0;
    try {
      for (;;) {
        const type = cursor.nodeType;
        const parent = depth - 1;
        let scope = parent >= 0 ? scopes[parent] : this.module;
        let regionEnd = -1;
        const opened = parent >= 0 ? inner[parent] : undefined;
        if (opened && (type === 'lambda_parameters' ? types[parent] === 'lambda' : cursor.currentFieldName === 'body')) {
          scope = opened;
          this.enterScope(cursor.startIndex, scope);
          regionEnd = cursor.endIndex;
        }
        const inExcept = parent >= 0 && excepts[parent];
        let opens: Scope | undefined;
        if (BINDING_TYPES.has(type)) opens = this.collect(cursor.currentNode, scope, inExcept);
        else if (type === 'comment') this.comments.push(cursor.currentNode);
        nodes?.visit(cursor, type);
        types[depth] = type;
        scopes[depth] = scope;
        inner[depth] = opens;
        excepts[depth] = type === 'except_clause' ? true : SCOPE_TYPES.has(type) ? false : inExcept;
        regionEnds[depth] = regionEnd;
        if (cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        // Leave finished nodes (closing the scope regions they opened) until one has a next sibling.
        for (;;) {
          if (regionEnds[depth] !== -1) this.enterScope(regionEnds[depth], depth > 0 ? scopes[depth - 1] : this.module);
          if (cursor.gotoNextSibling()) break;
          if (!cursor.gotoParent()) return;
          depth--;
        }
      }
    } finally {
      cursor.delete();
    }
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
          if (child.type === 'wildcard_import') scope.wildcards.push(module);
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
