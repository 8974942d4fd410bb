import type { NodeIndex, Subscriber } from './dispatch';
import type { Node } from './parser';
import type { Symbols } from './symbols';

/**
 * Code that no Python version of the profile runs: a branch under a `sys.version_info` test that is
 * false for every supported version (`if sys.version_info < (3, 9):` on a 3.13 image), or the other
 * branches of one that is true for all of them. Findings there are not reported: the code cannot run
 * on the standard's images. Only comparisons of `sys.version_info` (whole, sliced, indexed, or
 * `.major`/`.minor`/`.micro`) with literals count, combined with `and`, `or`, `not` and parentheses;
 * anything else is taken as possibly true.
 */
export class Reachability {
  /** The walk keeps `if` statements and conditional expressions of files that import sys. */
  static readonly subscriber: Subscriber = { kinds: ['if_statement', 'conditional_expression'], imports: ['sys'] };

  private dead?: Array<[number, number]>;
  /** Steps left for the condition being read: conditions nest without limit, and this reads them by recursion. */
  private budget = 0;

  constructor(
    private readonly nodes: NodeIndex,
    private readonly symbols: Symbols,
    private readonly versions: readonly Version[],
  ) {}

  /** Whether the code at this offset never runs on a supported version. Worked out on the first question. */
  isDead(offset: number): boolean {
    this.dead ??= this.deadRanges();
    return this.dead.some(([start, end]) => start <= offset && offset < end);
  }

  private deadRanges(): Array<[number, number]> {
    const dead: Array<[number, number]> = [];
    const mark = (n: Node | null | undefined) => n && dead.push([n.startIndex, n.endIndex]);
    if (!this.versions.length) return dead;
    this.nodes.forEach(Reachability.subscriber, 'if_statement', (node) => {
      const verdict = this.decide(node.childForFieldName('condition'));
      if (verdict === false) mark(node.childForFieldName('consequence'));
      let taken = verdict === true;
      for (const alternative of node.childrenForFieldName('alternative')) {
        if (!alternative) continue;
        if (taken) {
          mark(alternative);
          continue;
        }
        if (alternative.type !== 'elif_clause') continue;
        const v = this.decide(alternative.childForFieldName('condition'));
        if (v === false) mark(alternative.childForFieldName('consequence'));
        taken = v === true;
      }
    });
    this.nodes.forEach(Reachability.subscriber, 'conditional_expression', (node) => {
      const [then, condition, otherwise] = node.namedChildren.filter((c) => c?.type !== 'comment');
      const verdict = this.decide(condition);
      if (verdict === false) mark(then);
      if (verdict === true) mark(otherwise);
    });
    return dead;
  }

  /** `true` or `false` when the condition is that for every supported version; `undefined` otherwise. */
  private decide(condition: Node | null | undefined): boolean | undefined {
    if (!condition) return undefined;
    const verdicts = new Set(
      this.versions.map((v) => {
        this.budget = MAX_STEPS;
        return this.truth(condition, v);
      }),
    );
    return verdicts.size === 1 ? [...verdicts][0] : undefined;
  }

  /** Three-valued: `undefined` when the condition's value cannot be told from the version alone. */
  private truth(node: Node, version: Version): boolean | undefined {
    if (--this.budget < 0) return undefined;
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildCount === 1 ? this.truth(node.namedChildren[0]!, version) : undefined;
      case 'not_operator': {
        const v = this.truth(node.childForFieldName('argument')!, version);
        return v === undefined ? undefined : !v;
      }
      case 'boolean_operator': {
        const left = this.truth(node.childForFieldName('left')!, version);
        const right = this.truth(node.childForFieldName('right')!, version);
        if (node.childForFieldName('operator')?.type === 'and') return left === false || right === false ? false : left && right;
        return left === true || right === true ? true : left === false && right === false ? false : undefined;
      }
      case 'comparison_operator':
        return this.comparison(node, version);
      default:
        return undefined;
    }
  }

  /** `a < b`, and chains `a <= b < c`, of version values and literals. */
  private comparison(node: Node, version: Version): boolean | undefined {
    const operands = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const operators = node.children.filter((c): c is Node => !!c && !c.isNamed);
    if (operators.length !== operands.length - 1) return undefined;
    let all: boolean | undefined = true;
    for (let i = 0; i < operators.length; i++) {
      const v = compare(operators[i].type, this.value(operands[i], version), this.value(operands[i + 1], version));
      if (v === false) return false;
      if (v === undefined) all = undefined;
    }
    return all;
  }

  /** What an operand is under one version: a sequence (with unknown items) or a number. */
  private value(node: Node, version: Version): Value | undefined {
    if (--this.budget < 0) return undefined;
    switch (node.type) {
      case 'integer':
        return /^\d+$/.test(node.text) ? Number(node.text) : undefined;
      case 'parenthesized_expression':
        return node.namedChildCount === 1 ? this.value(node.namedChildren[0]!, version) : undefined;
      case 'tuple': {
        const items = node.namedChildren.filter((c) => c?.type !== 'comment').map((c) => this.value(c!, version));
        return items.every((x) => typeof x === 'number') ? (items as number[]) : undefined;
      }
      case 'subscript': {
        const of = this.value(node.childForFieldName('value')!, version);
        const subscripts = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
        if (!Array.isArray(of) || subscripts.length !== 1) return undefined;
        return index(of, subscripts[0]);
      }
      case 'attribute': {
        const field = ['major', 'minor', 'micro'].indexOf(node.childForFieldName('attribute')?.text ?? '');
        if (field !== -1) {
          const of = this.value(node.childForFieldName('object')!, version);
          if (Array.isArray(of) && of.length === VERSION_LENGTH) return of[field];
        }
        return this.symbols.qualifiedName(node) === 'sys.version_info' ? [...version] : undefined;
      }
      case 'identifier':
        return this.symbols.qualifiedName(node) === 'sys.version_info' ? [...version] : undefined;
      default:
        return undefined;
    }
  }
}

/** `sys.version_info` under one supported version: major, minor, then micro, release level and serial unknown (`undefined`). */
export type Version = ReadonlyArray<number | undefined>;
type Value = number | undefined | Array<number | undefined>;
const VERSION_LENGTH = 5;
/** Far more than any real version test needs; a deeper condition is taken as possibly true. */
const MAX_STEPS = 200;

/** `3.13` → (3, 13, ?, ?, ?); `3.13.9` → (3, 13, 9, ?, ?). */
export function versionsOf(supported: readonly string[]): Version[] {
  return supported.flatMap((s) => {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(s.trim());
    if (!m) return [];
    return [[Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]), undefined, undefined]];
  });
}

/** `v[1]`, `v[-1]`, `v[:2]`, `v[0:2]` with literal bounds. */
function index(of: Array<number | undefined>, subscript: Node): Value | undefined {
  const int = (n: Node | null | undefined) => {
    if (!n) return undefined;
    if (n.type === 'integer' && /^\d+$/.test(n.text)) return Number(n.text);
    if (n.type === 'unary_operator' && n.text.replace(/\s/g, '').match(/^-\d+$/)) return Number(n.text.replace(/\s/g, ''));
    return NaN;
  };
  if (subscript.type === 'slice') {
    const parts = subscript.children.filter((c): c is Node => !!c);
    // `[a:b]`: the integers before and after the first colon; a step makes it unknown.
    const colon = parts.findIndex((p) => p.type === ':');
    if (colon === -1 || parts.filter((p) => p.type === ':').length > 1) return undefined;
    const start = int(parts.slice(0, colon).find((p) => p.isNamed)) ?? 0;
    const end = int(parts.slice(colon + 1).find((p) => p.isNamed)) ?? of.length;
    return Number.isNaN(start) || Number.isNaN(end) ? undefined : of.slice(start, end);
  }
  const i = int(subscript);
  if (i === undefined || Number.isNaN(i)) return undefined;
  const at = i < 0 ? of.length + i : i;
  return at >= 0 && at < of.length ? of[at] : undefined;
}

/** Python's comparison of two values, or `undefined` when an unknown item decides it. */
function compare(operator: string, a: Value | undefined, b: Value | undefined): boolean | undefined {
  const order = ordering(a, b);
  if (order === undefined) return undefined;
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    default:
      return undefined;
  }
}

/** -1, 0 or 1 as Python orders numbers, and tuples item by item (the shorter first when one is a prefix). */
function ordering(a: Value | undefined, b: Value | undefined): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return undefined;
    if (x !== y) return Math.sign(x - y);
  }
  return Math.sign(a.length - b.length);
}
