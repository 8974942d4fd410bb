import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query, type Edit, type Node, type QueryCapture, type Tree } from '@vscode/tree-sitter-wasm';

export type { Edit, Node, QueryCapture, Tree, TreeCursor } from '@vscode/tree-sitter-wasm';

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
export async function parsePython(text: string, memo?: ParseMemo): Promise<Tree> {
  // CPython ends a line at a lone CR and tree-sitter does not; the same-length swap keeps every offset.
  const input = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  const p = await parser();
  const old = memo?.take(input);
  let tree: Tree | null;
  try {
    tree = p.parse(input, old);
  } finally {
    old?.delete();
  }
  if (!tree) throw new Error('tree-sitter returned no tree');
  memo?.keep(input, tree);
  return tree;
}

/**
 * One document's last parse, for a caller that checks the same document again after each edit (the
 * editor): the next text is parsed incrementally from it (`tree.edit`, then a parse that reuses the old
 * tree's unchanged parts), which costs the edit's size rather than the file's. The memo owns its tree
 * (WebAssembly memory): `dispose` frees it.
 */
export class ParseMemo {
  private text?: string;
  private tree?: Tree;

  /** The kept tree, edited to match `text` (the caller deletes it), or `undefined` when there is none. */
  take(text: string): Tree | undefined {
    const tree = this.tree;
    const before = this.text;
    this.tree = this.text = undefined;
    if (!tree || before === undefined) return undefined;
    const edit = editBetween(before, text);
    if (edit) tree.edit(edit);
    return tree;
  }

  /** Keeps a copy of `tree` (cheap: tree-sitter shares the nodes) as the parse of `text`. */
  keep(text: string, tree: Tree): void {
    this.dispose();
    this.text = text;
    this.tree = tree.copy();
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = this.text = undefined;
  }
}

/**
 * The one edit that turns `before` into `after`: the span between their common prefix and common
 * suffix. Offsets and columns count UTF-16 code units, as the binding's do. Several edits made between
 * two checks become one span covering them all; `undefined` when the texts are equal.
 */
export function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Do not split a surrogate pair: the parser reads whole characters.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isHighSurrogate(before.charCodeAt(before.length - 1 - tail))) tail--;
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Row and column (UTF-16 code units) of an offset; tree-sitter counts only LF as a line end (CRs were swapped above). */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

const queries = new Map<string, Query>();

/**
 * The nodes a tree-sitter query captures, in document order. Queries run inside WebAssembly, so this
 * is much cheaper than visiting every node from JavaScript; each query is compiled once.
 */
export function captures(root: Node, source: string): Node[] {
  return namedCaptures(root, source).map((c) => c.node);
}

/** The same, with the name of the capture that took each node. */
export function namedCaptures(root: Node, source: string): QueryCapture[] {
  let query = queries.get(source);
  if (!query) queries.set(source, (query = new Query(root.tree.language, source)));
  return query.captures(root);
}
