import type { Node } from './parser';

/** Helpers for reading call arguments from tree-sitter's Python tree. */

/** Arguments of a call, without comments; `undefined` for `f(x for x in y)`. */
export function argumentsOf(call: Node): Node[] | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The argument for a parameter given by position or by keyword, as Python would bind it. */
export function argument(call: Node, position: number, keyword: string): Node | undefined {
  const args = argumentsOf(call) ?? [];
  const byName = keywordArgument(call, keyword);
  if (byName) return byName.childForFieldName('value') ?? undefined;
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat');
  // After a `*args` the positions are unknown.
  const splat = positional.findIndex((a) => a.type === 'list_splat');
  if (splat !== -1 && splat <= position) return undefined;
  return positional[position];
}

export function keywordArgument(call: Node, keyword: string): Node | undefined {
  return argumentsOf(call)?.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === keyword);
}

/** Whether `**kwargs` could be passing any keyword. */
export function hasKeywordSplat(call: Node): boolean {
  return (argumentsOf(call) ?? []).some((a) => a.type === 'dictionary_splat');
}

/** The value of a plain string literal (no f-string, no concatenation); `undefined` otherwise. */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const prefix = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
  if (/[fb]/i.test(prefix.replace(/['"]/g, ''))) return undefined;
  return node.namedChildren
    .filter((c): c is Node => c?.type === 'string_content' || c?.type === 'escape_sequence')
    .map((c) => c.text)
    .join('');
}

/** The string_content node of a literal, to replace the algorithm name while keeping the quotes. */
export function stringContent(node: Node): Node | undefined {
  const parts = node.namedChildren.filter((c): c is Node => c?.type === 'string_content');
  return parts.length === 1 ? parts[0] : undefined;
}
