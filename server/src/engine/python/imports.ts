import type { Node } from './parser';

/**
 * Every import in the file, wherever it is (module level, a function, a `try`), before anything else
 * is read: which modules are imported and which names they bind. It answers the rules' preconditions
 * ("does the file import hashlib?") before the walk, and tells the walk which leading names can
 * matter. Scopes and order are the symbol model's business (`Symbols`); this is the file-wide summary.
 *
 * Every import statement holds the keyword `import`, so the text says where to ask the tree: each
 * occurrence is looked up, and only an `import` keyword of an import statement counts (not one in a
 * string, a comment or a longer name). That costs a few lookups per file, where a tree-sitter query
 * or a walk would visit every node.
 */
export class ImportIndex {
  /** Module → the names its imports bind (`hashlib`, `h`, `md5` …). */
  private readonly names = new Map<string, Set<string>>();
  /** Modules imported with `from m import *`: any name may come from them. */
  private readonly wildcards = new Set<string>();

  constructor(root: Node, text: string) {
    for (const node of importStatements(root, text)) {
      if (node.type === 'import_statement') {
        for (const child of node.namedChildren) {
          if (child?.type === 'dotted_name')
            this.add(child.text, child.namedChildren[0]!.text); // `import a.b` binds `a`
          else if (child?.type === 'aliased_import') {
            const name = child.childForFieldName('name');
            const alias = child.childForFieldName('alias');
            if (name && alias) this.add(name.text, alias.text);
          }
        }
        continue;
      }
      const moduleName = node.childForFieldName('module_name');
      if (!moduleName || moduleName.type === 'relative_import') continue;
      const module = moduleName.text;
      for (const child of node.namedChildren) {
        if (!child || child.id === moduleName.id) continue;
        if (child.type === 'wildcard_import') this.wildcards.add(module);
        else if (child.type === 'dotted_name') this.add(module, child.text);
        else if (child.type === 'aliased_import') {
          const alias = child.childForFieldName('alias');
          if (alias) this.add(module, alias.text);
        }
      }
    }
  }

  /** Whether the file imports one of these modules (or a submodule of one) in any form. */
  importsAny(modules: readonly string[]): boolean {
    return modules.some((m) => [...this.names.keys(), ...this.wildcards].some((imported) => covers(m, imported)));
  }

  /**
   * The names an import of one of these modules binds; `'any'` when one of them is imported with
   * `import *` (then any name may stand for one of its members).
   */
  namesOf(modules: readonly string[]): Set<string> | 'any' {
    const out = new Set<string>();
    for (const m of modules) {
      for (const w of this.wildcards) if (covers(m, w)) return 'any';
      for (const [imported, names] of this.names) if (covers(m, imported)) for (const n of names) out.add(n);
    }
    return out;
  }

  private add(module: string, name: string): void {
    let names = this.names.get(module);
    if (!names) this.names.set(module, (names = new Set()));
    names.add(name);
  }
}

function importStatements(root: Node, text: string): Node[] {
  const found: Node[] = [];
  for (let at = text.indexOf('import'); at !== -1; at = text.indexOf('import', at + 6)) {
    const keyword = root.descendantForIndex(at, at + 6);
    if (keyword?.type !== 'import' || keyword.startIndex !== at) continue;
    const statement = keyword.parent;
    if (statement?.type === 'import_statement' || statement?.type === 'import_from_statement') found.push(statement);
  }
  return found;
}

/** `hashlib` covers `hashlib` and `hashlib.x`, not `hashlibx`. */
function covers(module: string, imported: string): boolean {
  return imported === module || imported.startsWith(`${module}.`);
}
