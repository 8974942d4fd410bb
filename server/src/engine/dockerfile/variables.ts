import type { Dockerfile, Instruction } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Instruction as InstructionClass } from 'dockerfile-ast/lib/instruction';
import { Arg } from 'dockerfile-ast/lib/instructions/arg';
import { Env } from 'dockerfile-ast/lib/instructions/env';
import { Util } from 'dockerfile-ast/lib/util';
import type { Position, Range } from '../types';

/**
 * dockerfile-ast 0.7.1 resolves every `$VAR` it reads by scanning the whole file: every FROM, every build
 * stage, every ENV and ARG of the stage, every ARG before the first FROM (`resolveVariable`,
 * `getContainingImage`, `isBuildVariable`). A file of 10,000 stages with `USER $U` in each took 32 s, one
 * with 10,000 global ARGs and a `FROM $V…` per stage 8.9 s. Once a Dockerfile is parsed it no longer
 * changes, so `indexVariables` reads those lists once and the same questions are answered by binary
 * search, with dockerfile-ast's answers (the property test in dockerfile-linear-lookups compares them).
 * Only Dockerfiles the engine parsed (`indexVariables`) take this path; any other gets the library's code.
 */
interface Property {
  getName(): string;
  getValue(): string | null;
}
interface Template {
  getInstructions(): Instruction[];
  getComments(): unknown[];
  getRange(): Range;
}
interface Internals {
  initialInstructions: Template;
  buildStages: Template[];
  document: { getText(): string; positionAt(offset: number): Position };
}

/** Where each name is set in one template: start line and property of each ENV or ARG, in document order. */
interface Settings {
  env: Map<string, Array<{ line: number; property: Property }>>;
  arg: Map<string, Array<{ line: number; property: Property }>>;
}

interface Index {
  fromRanges: Range[];
  stageRanges: Range[];
  initialArgs: Settings;
  initialNames: Set<string>;
  end: Position;
}

/**
 * Kept on the parsed objects themselves rather than in WeakMaps: V8's minor GC keeps every WeakMap entry
 * whose key is young, so each document's whole tree survived into the old generation until a full GC
 * (parsing the 2,000-file corpus took about 4 times the CPU it takes without them).
 */
const INDEX = Symbol('variable index');
/** On each template (initial ARGs, build stages) of an indexed Dockerfile: that Dockerfile. */
const OWNER = Symbol('owning Dockerfile');
const SETTINGS = Symbol('variable settings');
const PARSED = Symbol('parsed by the engine');
interface Indexed {
  [INDEX]?: Index;
  [OWNER]?: object;
  [SETTINGS]?: Settings;
  /** On a Dockerfile the engine parsed: its lookups take the index, read at the first lookup. */
  [PARSED]?: true;
}

/**
 * Lets a parsed Dockerfile's variable lookups use the index. It is read at the first lookup, not here:
 * most files have no variable to look up (40,000 stages of `FROM python:3.N` kept 40,000 stage ranges
 * and owner marks for nothing).
 */
export function indexVariables(dockerfile: Dockerfile): void {
  (dockerfile as Indexed)[PARSED] = true;
}

function indexOf(dockerfile: object): Index | undefined {
  const d = dockerfile as Indexed;
  if (d[INDEX] || !d[PARSED]) return d[INDEX];
  readIndex(dockerfile as Dockerfile);
  return d[INDEX];
}

/** Reads what variable lookups need from a parsed Dockerfile, once. */
function readIndex(dockerfile: Dockerfile): void {
  const d = dockerfile as unknown as Internals;
  const initialArgs = settingsOf(dockerfile.getInitialARGs(), false);
  (dockerfile as Indexed)[INDEX] = {
    fromRanges: dockerfile.getFROMs().map((f) => f.getRange()),
    stageRanges: d.buildStages.map((s) => s.getRange()),
    initialArgs,
    initialNames: new Set(initialArgs.arg.keys()),
    end: d.document.positionAt(d.document.getText().length),
  };
  (d.initialInstructions as Indexed)[OWNER] = dockerfile;
  for (const stage of d.buildStages) (stage as Indexed)[OWNER] = dockerfile;
}

function settingsOf(instructions: Instruction[], withEnv: boolean): Settings {
  const result: Settings = { env: new Map(), arg: new Map() };
  for (const instruction of instructions) {
    const line = instruction.getRange().start.line;
    // The classes the library's getENVs and getARGs pick.
    const isEnv = withEnv && instruction instanceof Env;
    const isArg = instruction instanceof Arg;
    if (!isEnv && !isArg) continue;
    // Within one ENV, the first property of a name answers (as the library's forward loop does).
    const properties: Property[] = isEnv
      ? (instruction as unknown as { getProperties(): Property[] }).getProperties()
      : [(instruction as unknown as { getProperty(): Property | null }).getProperty()].filter((p): p is Property => !!p);
    const seen = new Set<string>();
    for (const property of properties) {
      const name = property.getName();
      if (seen.has(name)) continue;
      seen.add(name);
      const map = isEnv ? result.env : result.arg;
      let list = map.get(name);
      if (!list) map.set(name, (list = []));
      list.push({ line, property });
    }
  }
  return result;
}

/** The last setting of `name` that starts on a line before `line` (`isBefore`), or undefined. */
function lastBefore(list: Array<{ line: number; property: Property }> | undefined, line: number) {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line < line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? undefined : list[found];
}

function templateSettings(template: Template): Settings {
  return ((template as Indexed)[SETTINGS] ??= settingsOf(template.getInstructions(), true));
}

function isAfter(a: Position, b: Position): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}

/** The last of `ranges` (in document order) that starts at or before `position`, if it holds it. */
function holdingRange(ranges: Range[], position: Position): number {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (!isAfter(ranges[mid].start, position)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && Util.isInsideRange(position, ranges[found]) ? found : -1;
}

type Resolve = (this: Template, variable: string, line: number) => string | null | undefined;
type Containing = (this: Internals, position: Position) => Template | null;
type IsBuild = (this: Instruction & { dockerfile: Internals }, variable: string, line: number) => boolean | undefined;

const dockerfileProto = DockerfileClass.prototype as unknown as { resolveVariable: Resolve; getContainingImage: Containing };
const templateProto = ImageTemplate.prototype as unknown as { resolveVariable: Resolve };
const instructionProto = InstructionClass.prototype as unknown as { isBuildVariable: IsBuild };
const original = {
  resolve: dockerfileProto.resolveVariable,
  containing: dockerfileProto.getContainingImage,
  templateResolve: templateProto.resolveVariable,
  isBuild: instructionProto.isBuildVariable,
};

dockerfileProto.getContainingImage = function (position) {
  const index = indexOf(this);
  if (!index) return original.containing.call(this, position);
  if (!Util.isInsideRange(position, { start: { line: 0, character: 0 }, end: index.end })) return null;
  const initial = this.initialInstructions;
  if ((initial.getComments().length > 0 || initial.getInstructions().length > 0) && Util.isInsideRange(position, initial.getRange())) return initial;
  const k = holdingRange(index.stageRanges, position);
  return k === -1 ? (this as unknown as Template) : this.buildStages[k];
};

/** The value of an ARG before the first FROM, as the library's template of those ARGs alone answers. */
function initialValue(index: Index, variable: string, line: number): string | null | undefined {
  return lastBefore(index.initialArgs.arg.get(variable), line)?.property.getValue();
}

dockerfileProto.resolveVariable = function (variable, line) {
  const index = indexOf(this);
  if (!index) return original.resolve.call(this, variable, line);
  if (inFromLines(index.fromRanges, line)) return initialValue(index, variable, line);
  const image = dockerfileProto.getContainingImage.call(this as unknown as Internals, { line, character: 0 });
  if (image === null) return undefined;
  const resolved = (image as unknown as { resolveVariable(variable: string, line: number): string | null | undefined }).resolveVariable(variable, line);
  return resolved === null ? initialValue(index, variable, line) : resolved;
};

/** Whether `line` is one of a FROM's lines (the library compares lines only, not characters). */
function inFromLines(ranges: Range[], line: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start.line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== -1 && line <= ranges[found].end.line;
}

templateProto.resolveVariable = function (variable, line) {
  if (!(this as Indexed)[OWNER]) return original.templateResolve.call(this, variable, line);
  const s = templateSettings(this);
  const env = lastBefore(s.env.get(variable), line);
  if (env) return env.property.getValue();
  return lastBefore(s.arg.get(variable), line)?.property.getValue();
};

instructionProto.isBuildVariable = function (variable, line) {
  const index = indexOf(this.dockerfile);
  if (!index) return original.isBuild.call(this, variable, line);
  if (this.getKeyword() === 'FROM') return index.initialNames.has(variable) ? true : undefined;
  const image = dockerfileProto.getContainingImage.call(this.dockerfile, { line, character: 0 });
  if (image === null) return original.isBuild.call(this, variable, line);
  const s = templateSettings(image);
  if (lastBefore(s.env.get(variable), line)) return false;
  return lastBefore(s.arg.get(variable), line) ? true : undefined;
};
