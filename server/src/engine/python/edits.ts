import { insert, replace, type SourceText } from '../text';
import type { Range, TextEdit } from '../types';
import { argumentsOf, stringContent } from './calls';
import type { Node } from './parser';
import type { Symbols } from './symbols';

export function rangeOf(source: SourceText, node: Node): Range {
  return { start: source.positionAt(node.startIndex), end: source.positionAt(node.endIndex) };
}

/**
 * Adds a keyword argument the way a person would: after the last argument on a one-line call, or on
 * its own line, indented like the others, when the call has one argument per line (keeping a trailing
 * comma style). `undefined` when the call's parentheses are broken or it takes a bare generator.
 */
export function addKeywordArgument(source: SourceText, call: Node, keyword: string): TextEdit[] | undefined {
  const list = call.childForFieldName('arguments');
  const args = argumentsOf(call);
  const close = list?.lastChild;
  if (!list || !args || !close || close.type !== ')' || close.startIndex === close.endIndex) return undefined;
  const at = (offset: number) => source.positionAt(offset);
  if (!args.length) return [insert(at(close.startIndex), keyword)];
  const last = args[args.length - 1];
  const comma = list.children.find((c) => c?.type === ',' && c.startIndex >= last.endIndex);
  if (close.startPosition.row === last.endPosition.row) {
    return comma ? [replace({ start: at(comma.endIndex), end: at(close.startIndex) }, ` ${keyword}`)] : [insert(at(last.endIndex), `, ${keyword}`)];
  }
  // One argument per line: a new line like the last one; a comment after the last argument stays on its line.
  const row = last.startPosition.row;
  const startsLine = source.lineText(row).slice(0, last.startPosition.column).trim() === '';
  const indent = startsLine ? source.indentOf(row) : ' '.repeat(last.startPosition.column);
  const anchor = comma ?? last;
  const lineEnd = source.positionAt(source.lineEnd(anchor.endPosition.row));
  if (comma) return [insert(lineEnd, `${source.eol}${indent}${keyword},`)];
  return [insert(at(last.endIndex), ','), insert(lineEnd, `${source.eol}${indent}${keyword}`)];
}

/** Sets an existing keyword argument's value. */
export function setKeywordValue(source: SourceText, value: Node, text: string): TextEdit[] {
  return [replace(rangeOf(source, value), text)];
}

/**
 * Points a reference to hashlib's md5 (or the `"md5"` literal of `hashlib.new`) at another algorithm:
 * `hashlib.md5` → `hashlib.sha256`, `md5` imported from hashlib → `hashlib.sha256` when hashlib is in scope.
 */
export function retarget(source: SourceText, node: Node, symbols: Symbols | undefined, algorithm: string): TextEdit[] | undefined {
  if (node.type === 'string') {
    const content = stringContent(node);
    return content ? [replace(rangeOf(source, content), algorithm)] : undefined;
  }
  if (node.type === 'attribute') {
    const attribute = node.childForFieldName('attribute');
    return attribute ? [replace(rangeOf(source, attribute), algorithm)] : undefined;
  }
  const module = symbols?.moduleAlias('hashlib', node);
  return module ? [replace(rangeOf(source, node), `${module}.${algorithm}`)] : undefined;
}
