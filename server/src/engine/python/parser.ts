import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query, type Node, type Tree } from '@vscode/tree-sitter-wasm';

export type { Node, Tree, TreeCursor } from '@vscode/tree-sitter-wasm';

let ready: Promise<Parser> | undefined;

/**
 * The WebAssembly files sit next to the bundle (dist/, copied by scripts/build.mjs); when running from
 * the TypeScript output (tests, benchmark) they come from the package itself.
 */
function wasmDir(): string {
  if (existsSync(join(__dirname, 'tree-sitter-python.wasm'))) return __dirname;
  return dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
}

/** tree-sitter's Python grammar, loaded once on first use (about 40 ms) and shared. */
function parser(): Promise<Parser> {
  ready ??= (async () => {
    const dir = wasmDir();
    await Parser.init({ locateFile: (file: string) => join(dir, file) });
    const python = await Language.load(readFileSync(join(dir, 'tree-sitter-python.wasm')));
    const p = new Parser();
    p.setLanguage(python);
    return p;
  })();
  return ready;
}

/**
 * Parses Python source; the grammar recovers from syntax errors, so the rest of a broken file is still
 * checked. Node offsets and columns count UTF-16 code units, as `SourceText` does. The caller deletes
 * the tree (WebAssembly memory is not garbage-collected).
 */
export async function parsePython(text: string): Promise<Tree> {
  // CPython ends a line at a lone CR and tree-sitter does not; the same-length swap keeps every offset.
  const tree = (await parser()).parse(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

const queries = new Map<string, Query>();

/**
 * The nodes a tree-sitter query captures, in document order. Queries run inside WebAssembly, so this
 * is much cheaper than visiting every node from JavaScript; each query is compiled once.
 */
export function captures(root: Node, source: string): Node[] {
  let query = queries.get(source);
  if (!query) queries.set(source, (query = new Query(root.tree.language, source)));
  return query.captures(root).map((c) => c.node);
}
