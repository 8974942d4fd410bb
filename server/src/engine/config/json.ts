import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Position, Range } from '../types';

/**
 * JSON with positions, for config and profile files. Errors say where and what was expected, never
 * what was found: V8's `JSON.parse` messages quote the file, which may hold secrets (issue 11).
 */
export interface JsonProblem {
  range: Range;
  /** `expected …`: what should be there, never what is. */
  message: string;
}

export interface JsonDocument {
  root?: Node;
  problems: JsonProblem[];
  /** Range of the value at a path, or of the deepest part of the path that exists. */
  locate(path: ReadonlyArray<string | number>): Range;
  rangeOf(node: Node): Range;
  valueOf(node: Node): unknown;
}

// jsonc-parser's ParseErrorCode, by number (the enum is `const` in its typings).
const EXPECTED: Record<number, string> = {
  1: 'a JSON value',
  2: 'a number',
  3: 'a property name in double quotes',
  4: 'a value',
  5: "':' after the property name",
  6: "',' or the end of the object or list",
  7: "'}' to close the object",
  8: "']' to close the list",
  9: 'the end of the file after the value',
  10: 'no comments (JSON has none)',
  11: "'*/' to end the comment",
  12: 'a closing double quote',
  13: 'a complete number',
  14: 'a valid \\u escape',
  15: 'a valid escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u)',
  16: 'no control characters inside strings',
};

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function parseJson(text: string): JsonDocument {
  const starts = lineStarts(text);
  const span = (offset: number, length: number): Range => ({ start: positionAt(starts, offset), end: positionAt(starts, offset + Math.max(length, 0)) });
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Only the first syntax error: the ones after it follow from it.
  const problems = errors.slice(0, 1).map((e) => ({ range: span(e.offset, e.length), message: `expected ${EXPECTED[e.error] ?? 'valid JSON'}` }));
  if (!root && !problems.length) problems.push({ range: span(0, 0), message: 'expected a JSON object' });
  const rangeOf = (node: Node) => span(node.offset, node.length);
  return {
    root: errors.length ? undefined : root,
    problems,
    rangeOf,
    valueOf: (node) => getNodeValue(node),
    locate(path) {
      if (!root) return span(0, 0);
      for (let n = path.length; n >= 0; n--) {
        const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
        if (node) return rangeOf(node);
      }
      return rangeOf(root);
    },
  };
}

/** Reads a path like `repositories[0].tags[2].name` or `"user"` at the start of a message. */
export function leadingPath(message: string): Array<string | number> {
  const m = /^"?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*)"?/.exec(message);
  if (!m) return [];
  const path: Array<string | number> = [];
  for (const part of m[1].matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) path.push(part[1] !== undefined ? part[1] : Number(part[2]));
  return path;
}
