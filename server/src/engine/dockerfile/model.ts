import type { Argument, Dockerfile, From, Instruction } from 'dockerfile-ast';
import { parseDockerfile } from './parse';
import { parseImageRef, type ImageRef } from '../imageRef';
import { own } from '../dict';
import { SourceText } from '../text';
import type { Position, Range } from '../types';

/**
 * One pass over a Dockerfile that every rule shares: stages, what each FROM resolves to after ARG
 * substitution, and where each piece of the resolved text is written, so findings and fixes land on
 * the exact characters (even when the tag comes from an ARG default).
 */
export interface DockerModel {
  dockerfile: Dockerfile;
  stages: Stage[];
  /** ARGs declared before the first FROM: the only ones a FROM can use. */
  globalArgs: Map<string, GlobalArg>;
}

export interface GlobalArg {
  name: string;
  value: string | null;
  valueRange: Range | null;
  nameRange: Range;
}

export interface Stage {
  index: number;
  from: From;
  alias?: string;
  /** The external image, when the stage is not built from an earlier stage. */
  image?: ResolvedImage;
  /** The earlier stage this one is built FROM. */
  parent?: Stage;
  /** Instructions after the FROM, in order. */
  body: Instruction[];
  users: UserSwitch[];
  /** CMD and ENTRYPOINT instructions of this stage. */
  entries: Instruction[];
  isFinal: boolean;
}

export interface UserSwitch {
  instruction: Instruction;
  /** The user as it will be seen at build time; `undefined` if it depends on a variable we cannot resolve. */
  value?: string;
  range: Range;
}

/** A FROM image after substitution. Spans are offsets into `ref.text`. */
export interface ResolvedImage {
  ref: ImageRef;
  /** Range of the image text as written in the FROM line. */
  range: Range;
  /** Variables that have no value, so the image cannot be known. */
  unresolved: Array<{ name: string; range: Range }>;
  /**
   * The repository is known although a variable is unresolved: every such variable stands after the
   * `:` or `@` (`quay.io/cdis/python-build-base:${PYTHON_VERSION}`), so only the tag or digest is unknown.
   */
  repositoryKnown: boolean;
  /** Maps a span of the resolved text back to where it is written. */
  locate(span: [number, number]): Range;
  /** Whether a span maps to source text one character for one (so part of it can be replaced). */
  isLiteral(span: [number, number]): boolean;
}

interface Segment {
  start: number;
  end: number;
  source: Range;
  /** Source characters equal the resolved characters, one for one. */
  literal: boolean;
}

export function buildModel(text: string, buildArgs: Record<string, string> = {}, source: SourceText = new SourceText(text)): DockerModel {
  const dockerfile = parseDockerfile(text);
  const globalArgs = new Map<string, GlobalArg>();
  for (const arg of dockerfile.getInitialARGs()) {
    const prop = arg.getProperty();
    if (!prop) continue;
    globalArgs.set(prop.getName(), {
      name: prop.getName(),
      value: expandArgValue(arg, prop.getValue(), prop.getValueRange(), globalArgs, buildArgs),
      valueRange: prop.getValueRange(),
      nameRange: prop.getNameRange(),
    });
  }

  const froms = dockerfile.getFROMs();
  const stages: Stage[] = [];
  // Latest stage per lower-case alias, so `FROM <alias>` finds its stage without scanning the earlier ones.
  const byAlias = new Map<string, Stage>();
  froms.forEach((from, index) => {
    // Each of dockerfile-ast's FROM accessors re-reads the arguments (a quarter of a 40,000-stage run):
    // read them once and take the image and alias as getImage/getImageRange/getBuildStage would.
    const args = fromArguments(from);
    const alias = args.length > 2 && args[1].getValue().toUpperCase() === 'AS' ? source.slice(args[2].getRange()) : undefined;
    // Every field from the start (image and parent too): added later, they went to a separate property store.
    const stage: Stage = {
      index,
      from,
      alias,
      image: undefined,
      parent: undefined,
      body: NONE,
      users: NONE,
      entries: NONE,
      isFinal: index === froms.length - 1,
    };
    const imageText = args.length ? args[0].getValue() : null;
    const parent = imageText ? byAlias.get(imageText.toLowerCase()) : undefined;
    if (parent) stage.parent = parent;
    else if (imageText) stage.image = resolveImage(from, imageText, args[0].getRange(), source, globalArgs, buildArgs);
    if (alias !== undefined) byAlias.set(alias.toLowerCase(), stage);
    stages.push(stage);
  });

  // One pass over the instructions (both lists are in document order): a stage's body is what starts
  // on a line after its FROM and before the next FROM. Each list is gathered in a scratch array and
  // copied out at its exact size: an array grown by push keeps room for 16 more (5 MB at 40,000 stages).
  let current = -1;
  const body: Instruction[] = [];
  const users: UserSwitch[] = [];
  const entries: Instruction[] = [];
  const close = () => {
    if (current < 0) return;
    const stage = stages[current];
    stage.body = copy(body);
    stage.users = copy(users);
    stage.entries = copy(entries);
    body.length = users.length = entries.length = 0;
  };
  for (const instruction of dockerfile.getInstructions()) {
    const line = instruction.getRange().start.line;
    while (current + 1 < froms.length && froms[current + 1].getRange().start.line <= line) {
      close();
      current++;
    }
    if (current < 0 || line <= froms[current].getRange().start.line) continue;
    body.push(instruction);
    const keyword = instruction.getKeyword();
    if (keyword === 'USER') users.push(userSwitch(instruction));
    else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') entries.push(instruction);
  }
  close();
  return { dockerfile, stages, globalArgs };
}

/** One empty list for every stage without USER, CMD or ENTRYPOINT; frozen, since it is shared. */
const NONE: never[] = Object.freeze([]) as never[];

function copy<T>(list: T[]): T[] {
  return list.length ? list.slice() : NONE;
}

/**
 * An ARG default that names earlier ARGs (`ARG BASE=$ROOT_CONTAINER`) takes their values, as Docker does;
 * when one of them has none, the default is unknown (null) rather than the literal `$NAME`.
 */
function expandArgValue(
  arg: Instruction,
  value: string | null,
  valueRange: Range | null,
  earlier: Map<string, GlobalArg>,
  buildArgs: Record<string, string>,
): string | null {
  if (value === null || !valueRange) return value;
  const variables = arg.getVariables().filter((v) => inside(v.getRange(), valueRange));
  if (!variables.length) return value;
  // Offsets into the value are columns only when it is written on one line as parsed.
  if (valueRange.start.line !== valueRange.end.line || valueRange.end.character - valueRange.start.character !== value.length) return null;
  let expanded = '';
  let cursor = 0;
  for (const variable of variables) {
    const start = variable.getRange().start.character - valueRange.start.character;
    expanded += value.slice(cursor, start);
    cursor = variable.getRange().end.character - valueRange.start.character;
    const known = own(buildArgs, variable.getName()) ?? earlier.get(variable.getName())?.value ?? undefined;
    const nonEmpty = known !== undefined && known !== '';
    const modifier = variable.getModifier();
    if (modifier === '-' && !nonEmpty) expanded += variable.getSubstitutionParameter() ?? '';
    else if (modifier === '+') expanded += nonEmpty ? (variable.getSubstitutionParameter() ?? '') : '';
    else if (known !== undefined) expanded += known;
    else return null;
  }
  return expanded + value.slice(cursor);
}

/**
 * `from.getArguments()` with one tokenisation instead of two: dockerfile-ast's version reads the raw
 * arguments, then again to find the flags (`--platform=…`), and drops as many leading arguments as it
 * found flags. Flags are the arguments starting with `--` before the first one without `--` anywhere.
 */
function fromArguments(from: From): Argument[] {
  // Private in dockerfile-ast's types (0.7.1), public at run time; the model test checks it against getArguments.
  const raw = (from as unknown as { getRawArguments(): Argument[] }).getRawArguments();
  let flags = 0;
  for (const arg of raw) {
    const at = arg.getValue().indexOf('--');
    if (at === -1) break;
    if (at === 0) flags++;
  }
  return flags ? raw.slice(flags) : raw;
}

function userSwitch(instruction: Instruction): UserSwitch {
  const raw = instruction.getArguments();
  // Expanding re-reads the arguments twice; without a `$` there is nothing to expand.
  const args = raw.some((a) => a.getValue().includes('$')) ? instruction.getExpandedArguments() : raw;
  const range =
    raw.length > 1 ? { start: raw[0].getRange().start, end: raw[raw.length - 1].getRange().end } : raw.length ? raw[0].getRange() : instruction.getRange();
  const value = args.length ? args[0].getValue() : undefined;
  return { instruction, value: value && !value.includes('$') ? value : undefined, range };
}

function resolveImage(
  from: From,
  raw: string,
  range: Range,
  lines: SourceText,
  globalArgs: Map<string, GlobalArg>,
  buildArgs: Record<string, string>,
): ResolvedImage {
  // Offsets into the image text are columns only when it is written on one line exactly as parsed: an
  // escape (`\\🐳`) makes the parsed text shorter than the source, and every column after it would shift.
  const singleLine = range.start.line === range.end.line && sliceRange(lines, range) === raw;
  // The common case, an image written as is: one literal piece, what the general path below gives it.
  if (singleLine && !raw.includes('$'))
    return new Resolved(parseImageRef(raw), range, NONE, true, [{ start: 0, end: raw.length, source: range, literal: true }]);

  const segments: Segment[] = [];
  const unresolved: ResolvedImage['unresolved'] = [];
  /** Where each unresolved variable would stand in the resolved text. */
  const gaps: number[] = [];
  let resolved = '';
  const at = (offset: number): Position => ({ line: range.start.line, character: range.start.character + offset });
  const push = (value: string, source: Range, literal: boolean) => {
    if (value) segments.push({ start: resolved.length, end: resolved.length + value.length, source, literal });
    resolved += value;
  };

  // Without a `$` in the text as written there is no variable to look for.
  const variables =
    singleLine && raw.includes('$')
      ? from
          .getVariables()
          .filter((v) => inside(v.getRange(), range))
          .sort((a, b) => a.getRange().start.character - b.getRange().start.character)
      : [];
  let cursor = 0;
  for (const variable of variables) {
    const vStart = variable.getRange().start.character - range.start.character;
    const vEnd = variable.getRange().end.character - range.start.character;
    push(raw.slice(cursor, vStart), { start: at(cursor), end: at(vStart) }, true);
    cursor = vEnd;

    const name = variable.getName();
    const declared = globalArgs.get(name);
    const override = own(buildArgs, name);
    const value = override ?? declared?.value ?? undefined;
    const modifier = variable.getModifier();
    const param = variable.getSubstitutionParameter() ?? '';
    const paramRange = variable.getSubstitutionRange();
    const isSet = value !== undefined && value !== null;
    const nonEmpty = isSet && value !== '';
    const whole = variable.getRange();
    if ((modifier === '-' && !nonEmpty) || (modifier === '+' && nonEmpty)) {
      push(param, paramRange ?? whole, paramRange !== null && sliceRange(lines, paramRange) === param);
    } else if (modifier === '+') {
      push('', whole, false);
    } else if (isSet) {
      const source = override === undefined && declared?.valueRange ? declared.valueRange : whole;
      push(value, source, source !== whole && sliceRange(lines, source) === value);
    } else {
      unresolved.push({ name, range: variable.getNameRange() });
      gaps.push(resolved.length);
    }
  }
  // The whole text when nothing was substituted: its source is the image range itself.
  if (singleLine) push(raw.slice(cursor), cursor === 0 ? range : { start: at(cursor), end: at(raw.length) }, true);
  else push(raw, range, false);

  const ref = parseImageRef(resolved);
  // A gap right at the end of the repository could still be part of its name (`base${SUFFIX}:1`).
  const repositoryKnown = gaps.every((g) => g > ref.repositorySpan[1]);
  return new Resolved(ref, range, unresolved, repositoryKnown, segments.slice()); // exact size, as the stage lists
}

/** A class rather than closures: a 40,000-stage Dockerfile keeps one per stage until its check ends. */
class Resolved implements ResolvedImage {
  constructor(
    readonly ref: ImageRef,
    readonly range: Range,
    readonly unresolved: ResolvedImage['unresolved'],
    readonly repositoryKnown: boolean,
    private readonly segments: Segment[],
  ) {}

  locate(span: [number, number]): Range {
    const [a, b] = span;
    let seg: Segment | undefined;
    for (const s of this.segments) {
      if (s.start <= a && b <= s.end && (a < s.end || a === s.start)) {
        seg = s;
        break;
      }
    }
    if (!seg) {
      // A span crossing several pieces (e.g. `quay.io/${ORG}/img`) maps to everything they cover.
      // A span that reaches into an ARG's value has no single place: report the FROM's image text.
      const covered = this.segments.filter((s) => s.start < b && a < s.end);
      if (!covered.length || !covered.every((s) => inside(s.source, this.range))) return this.range;
      return { start: covered[0].source.start, end: covered[covered.length - 1].source.end };
    }
    // A whole literal piece is its source range (the common case: an image written as is).
    if (!seg.literal || (a === seg.start && b === seg.end)) return seg.source;
    const base = seg.source.start;
    return {
      start: { line: base.line, character: base.character + (a - seg.start) },
      end: { line: base.line, character: base.character + (b - seg.start) },
    };
  }

  isLiteral(span: [number, number]): boolean {
    for (const seg of this.segments) {
      if (seg.start <= span[0] && span[1] <= seg.end) return seg.literal || (seg.start === span[0] && seg.end === span[1]);
    }
    return false;
  }
}

function inside(inner: Range, outer: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** The text of a one-line range (empty for a range over several lines), from the shared line index. */
function sliceRange(lines: SourceText, r: Range): string {
  if (r.start.line !== r.end.line || r.start.line >= lines.lineCount) return '';
  const line = lines.lineText(r.start.line);
  return line.slice(r.start.character, r.end.character);
}

/** The stage `docker build` builds by default, the one the container runs: the last. */
export function finalStage(model: DockerModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The stage's chain back to the stage whose FROM names an external image. */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  while (s.parent) s = s.parent;
  return s;
}
