import type { Instruction } from 'dockerfile-ast';
import type { Catalog } from '../profile/catalog';
import type { BaseOs } from '../profile/schema';
import { insert, replace } from '../text';
import type { SourceText } from '../text';
import type { Range, TextEdit } from '../types';
import { rootStage, type Stage, type UserSwitch } from './model';

/** The user a container of `stage` starts as, and where that comes from. */
export type EffectiveUser =
  | { kind: 'switch'; user?: string; at: UserSwitch }
  /** `assumed`: the image is outside the catalog, so it is taken to end as root, as Docker runs an image that sets no USER. */
  | { kind: 'base'; user: string; stage: Stage; assumed?: boolean }
  | { kind: 'unknown' };

/** Last USER of the stage or the stages it is built from; else what the profile says the base image ends as. */
export function effectiveUser(stage: Stage, catalog: Catalog, beforeLine = Infinity): EffectiveUser {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const switches = s === stage ? s.users.filter((u) => u.instruction.getRange().start.line < beforeLine) : s.users;
    if (switches.length) {
      const at = switches[switches.length - 1];
      return { kind: 'switch', user: at.value, at };
    }
  }
  const root = rootStage(stage);
  const ref = root.image?.ref;
  const repo = ref && approvedRepositoryOf(catalog, ref.repository);
  // Outside the catalog only an image a sync inspected (`catalog sync --image`) is known.
  const user = ref && (repo ? catalog.userOf(repo, ref.tag) : catalog.imageUserOf(ref.repository, ref.tag));
  if (user) return { kind: 'base', user, stage: root };
  // An image the profile does not know is assumed to end as root: Docker runs as root unless an image sets USER.
  if (ref && !repo && root.image && !root.image.unresolved.length) return { kind: 'base', user: 'root', stage: root, assumed: true };
  return { kind: 'unknown' };
}

function approvedRepositoryOf(catalog: Catalog, repository: string) {
  const match = catalog.matchRepository(repository);
  return match.kind === 'none' ? undefined : match.repository;
}

/** The stage's first CMD or ENTRYPOINT: where the standard wants the user switched by. */
export function firstEntry(stage: Stage): Instruction | undefined {
  return stage.entries[0];
}

/** Where a fix makes a user the image's user: before a line, after an instruction, or in place of a USER's value. */
export type SwitchPoint = { before: number } | { after: Instruction } | { replace: Range; of: Instruction };

export interface SwitchEdits {
  edits: TextEdit[];
  /** A shell-form CMD/ENTRYPOINT moved past a SHELL instruction, so it would start in another shell. */
  changesShell: boolean;
}

/**
 * Where the final stage switches to the runtime user without changing the user of any build step:
 * after its last RUN, COPY or ADD, before the CMD/ENTRYPOINT that follows it (the standard's layout).
 */
export function runtimeSwitchPoint(stage: Stage): SwitchPoint {
  let lastStep = -1;
  stage.body.forEach((i, k) => {
    if (['RUN', 'COPY', 'ADD'].includes(i.getKeyword())) lastStep = k;
  });
  const entry = stage.body.slice(lastStep + 1).find((i) => stage.entries.includes(i));
  if (entry) return { before: entry.getRange().start.line };
  const last = stage.body.length ? stage.body[stage.body.length - 1] : stage.from;
  return { after: last };
}

/**
 * Edits that switch to `user` at `point`, in the file's line endings and indentation. The final stage's
 * CMD/ENTRYPOINT instructions written above that point (with the comment lines directly above them) move
 * to just after the new USER: Docker does not mind where they stand, and the standard wants the user
 * switched before them, so the fix adds no USR004.
 */
export function switchUserEdits(stage: Stage, source: SourceText, point: SwitchPoint, user: string): SwitchEdits {
  const line = 'before' in point ? point.before : ('after' in point ? point.after : point.of).getRange().start.line;
  const moved = stage.isFinal ? stage.entries.filter((e) => e.getRange().end.line < line) : [];
  const edits: TextEdit[] = [];
  const blocks: string[] = [];
  let changesShell = false;
  for (const entry of moved) {
    const from = commentsAbove(stage, entry, source);
    const to = entry.getRange().end.line;
    edits.push(replace({ start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } }, ''));
    blocks.push(source.text.slice(source.lineStarts[from], source.lineEnd(to)));
    const shellForm = !entry.getArguments()[0]?.getValue().startsWith('[');
    if (shellForm && stage.body.some((i) => i.getKeyword() === 'SHELL' && i.getRange().start.line > to && i.getRange().start.line < line)) changesShell = true;
  }
  const eol = source.eol;
  if ('before' in point) {
    edits.push(insert({ line: point.before, character: 0 }, `${source.indentOf(point.before)}USER ${user}${eol}${blocks.map((b) => b + eol).join('')}`));
  } else {
    const of = 'after' in point ? point.after : point.of;
    const end = source.positionAt(source.lineEnd(of.getRange().end.line));
    if ('replace' in point) edits.push(replace(point.replace, user));
    const userLine = 'after' in point ? `${eol}${source.indentOf(of.getRange().start.line)}USER ${user}` : '';
    edits.push(insert(end, userLine + blocks.map((b) => eol + b).join('')));
  }
  return {
    edits: edits.filter((e) => e.newText !== '' || e.range.start.line !== e.range.end.line || e.range.start.character !== e.range.end.character),
    changesShell,
  };
}

/** The first of the comment lines directly above an instruction (its pragmas and notes), else its own line. */
function commentsAbove(stage: Stage, instruction: Instruction, source: SourceText): number {
  const k = stage.body.indexOf(instruction);
  const previousEnd = (k > 0 ? stage.body[k - 1] : stage.from).getRange().end.line;
  let from = instruction.getRange().start.line;
  while (
    from - 1 > previousEnd &&
    source
      .lineText(from - 1)
      .trimStart()
      .startsWith('#')
  )
    from--;
  return from;
}

/** What the profile knows of the image a stage is ultimately built on. */
export interface BaseFacts {
  /** The image as written after substitution, e.g. `quay.io/cdis/amazonlinux-base:3.13-pythonbase`. */
  image: string;
  os?: BaseOs;
  /** Non-root users the image defines; `undefined` when the profile does not say. */
  users?: string[];
}

export function baseFacts(stage: Stage, catalog: Catalog): BaseFacts | undefined {
  const ref = rootStage(stage).image?.ref;
  if (!ref) return undefined;
  const match = catalog.matchRepository(ref.repository);
  if (match.kind === 'none') return { image: ref.text };
  const info = ref.tag === undefined ? undefined : catalog.tagInfo(match.repository, ref.tag);
  const users = info?.kind === 'catalog' ? info.tag.users : info?.kind === 'pattern' ? info.pattern.users : undefined;
  return { image: ref.text, os: match.repository.os, users };
}

/**
 * `USER root` before `first` and `USER <user>` after `last` (unless a USER follows anyway), in the file's
 * line endings and indentation; CMD/ENTRYPOINT above the switch back move below it (see `switchUserEdits`).
 */
export function wrapAsRoot(stage: Stage, first: Instruction, last: Instruction, source: SourceText, user: string): SwitchEdits {
  const startLine = first.getRange().start.line;
  const root = insert({ line: startLine, character: 0 }, `${source.indentOf(startLine)}USER root${source.eol}`);
  // A USER right after the steps sets the user anyway: switching back first would only repeat it.
  if (stage.body[stage.body.indexOf(last) + 1]?.getKeyword() === 'USER') return { edits: [root], changesShell: false };
  const back = switchUserEdits(stage, source, { after: last }, user);
  return { edits: [root, ...back.edits], changesShell: back.changesShell };
}
