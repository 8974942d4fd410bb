import { captures, type Node } from './parser';

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
const BINDINGS_QUERY = `[${[...SCOPE_TYPES, 'import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'named_expression', 'as_pattern'].map((t) => `(${t})`).join(' ')}] @binding`;

/**
 * Python's name binding, as far as a linter needs it: which module or imported member a name or a
 * dotted expression stands for at a given place, so `h.md5` after `import hashlib as h` is hashlib's
 * md5 and a local `def md5` is not.
 */
export class Symbols {
  private readonly scopes = new Map<number, Scope>();
  /** Every name some import binds, anywhere: a cheap first test before resolving a name. */
  private readonly imported = new Set<string>();
  private wildcard = false;
  private readonly module: Scope;

  constructor(root: Node) {
    this.module = this.scope(root, false);
    this.collectAll(root);
  }

  /** Whether an expression starting with this name could stand for something imported. */
  mayBeImported(name: string): boolean {
    return this.wildcard || this.imported.has(name);
  }

  /** Names that some import binds to `module.member` (`md5`, `m` …), plus the member's own name after `import *`. */
  aliasesOf(module: string, member: string): string[] {
    const names = new Set<string>(this.wildcard ? [member] : []);
    for (const scope of this.scopes.values()) {
      for (const [name, entries] of scope.bindings) {
        if (entries.some(({ binding: b }) => b.kind === 'member' && b.module === module && b.name === member)) names.add(name);
      }
    }
    return [...names];
  }

  /** `hashlib`, `hashlib.md5`, `hmac.new` … for a name or attribute chain; `undefined` when it is local or unknown. */
  qualifiedName(node: Node): string | undefined {
    if (node.type === 'identifier') {
      const binding = this.lookup(node.text, node);
      if (!binding) return undefined;
      if (binding.kind === 'module') return binding.module;
      if (binding.kind === 'member') return `${binding.module}.${binding.name}`;
      return undefined;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      const base = object && this.qualifiedName(object);
      return base && attribute ? `${base}.${attribute.text}` : undefined;
    }
    if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return this.qualifiedName(node.namedChildren[0]!);
    return undefined;
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

  private scopeOf(node: Node): Scope {
    for (let n: Node | null = node.parent, child: Node = node; n; child = n, n = n.parent) {
      if (!SCOPE_TYPES.has(n.type)) continue;
      // Decorators, defaults and the name itself belong to the enclosing scope; the body (and a lambda's parameters) to the new one.
      const body = n.childForFieldName('body');
      const inside = (body && child.id === body.id) || (n.type === 'lambda' && child.type === 'lambda_parameters');
      if (inside) return this.scopes.get(n.id)!;
    }
    return this.module;
  }

  private scope(node: Node, isClass: boolean, parent?: Scope): Scope {
    const scope: Scope = { node, isClass, parent, bindings: new Map(), wildcards: [] };
    this.scopes.set(node.id, scope);
    return scope;
  }

  private bind(scope: Scope, name: string, at: Node, binding: Binding): void {
    if (binding.kind !== 'local') this.imported.add(name);
    const entries = scope.bindings.get(name) ?? [];
    entries.push({ at: at.startIndex, binding, fallback: inExceptClause(at, scope.node) });
    scope.bindings.set(name, entries);
  }

  /** In document order, so a scope exists before anything inside it binds a name. */
  private collectAll(root: Node): void {
    for (const node of captures(root, BINDINGS_QUERY)) this.collect(node, this.scopeOf(node));
  }

  private collect(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'import_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            // `import a.b` binds `a`.
            const first = child.namedChildren[0]!;
            this.bind(scope, first.text, node, { kind: 'module', module: first.text });
          } else if (child.type === 'aliased_import') {
            const alias = child.childForFieldName('alias');
            const name = child.childForFieldName('name');
            if (alias && name) this.bind(scope, alias.text, node, { kind: 'module', module: name.text });
          }
        }
        return;
      case 'import_from_statement': {
        const moduleName = node.childForFieldName('module_name');
        const module = moduleName?.text ?? '';
        for (const child of node.namedChildren) {
          if (!child || child.id === moduleName?.id) continue;
          if (child.type === 'wildcard_import') {
            scope.wildcards.push(module);
            this.wildcard = true;
          }
          else if (child.type === 'dotted_name') this.bind(scope, child.text, node, { kind: 'member', module, name: child.text });
          else if (child.type === 'aliased_import') {
            const alias = child.childForFieldName('alias');
            const name = child.childForFieldName('name');
            if (alias && name) this.bind(scope, alias.text, node, { kind: 'member', module, name: name.text });
          }
        }
        return;
      }
      case 'function_definition':
      case 'class_definition':
      case 'lambda': {
        const name = node.childForFieldName('name');
        if (name) this.bind(scope, name.text, node, { kind: 'local' });
        const inner = this.scope(node, node.type === 'class_definition', scope);
        const parameters = node.childForFieldName('parameters');
        if (parameters) this.bindParameters(parameters, inner);
        return;
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        this.bindTargets(node.childForFieldName('left'), scope);
        return;
      case 'named_expression':
        this.bindTargets(node.childForFieldName('name'), scope);
        return;
      case 'as_pattern':
        this.bindTargets(node.childForFieldName('alias'), scope);
        return;
    }
  }

  /** Parameter names bind inside the function (their default values are read outside it, by scopeOf). */
  private bindParameters(parameters: Node, inner: Scope): void {
    for (const p of parameters.namedChildren) {
      if (!p) continue;
      const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
      if (name) this.bind(inner, name.text, name, { kind: 'local' });
    }
  }

  private bindTargets(target: Node | null, scope: Scope): void {
    if (!target) return;
    if (target.type === 'identifier') this.bind(scope, target.text, target, { kind: 'local' });
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'as_pattern_target', 'list_splat_pattern'].includes(target.type)) {
      for (const c of target.namedChildren) this.bindTargets(c, scope);
    }
  }
}

/** Whether `node` sits in an `except` clause of its own scope. */
function inExceptClause(node: Node, scope: Node): boolean {
  for (let n = node.parent; n && n.id !== scope.id; n = n.parent) {
    if (n.type === 'except_clause') return true;
    if (SCOPE_TYPES.has(n.type)) return false;
  }
  return false;
}
