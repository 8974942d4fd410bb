import type { Instruction } from 'dockerfile-ast';
import type { Catalog } from '../profile/catalog';
import type { BaseOs } from '../profile/schema';
import { insert } from '../text';
import type { SourceText } from '../text';
import type { TextEdit } from '../types';
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

/**
 * Inserts `USER <name>` on its own line before the stage's first CMD/ENTRYPOINT, or after the stage's
 * last line when it has none, keeping the file's line endings and the entry's indentation.
 */
export function insertUserEdit(stage: Stage, source: SourceText, user: string): TextEdit {
  const entry = firstEntry(stage);
  if (entry) {
    const line = entry.getRange().start.line;
    return insert({ line, character: 0 }, `${source.indentOf(line)}USER ${user}${source.eol}`);
  }
  const last = stage.body.length ? stage.body[stage.body.length - 1] : stage.from;
  const endLine = last.getRange().end.line;
  const end = source.positionAt(source.lineEnd(endLine));
  return insert(end, `${source.eol}USER ${user}`);
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

/** Lines `USER root` before `first` and `USER <user>` after `last`, in the file's line endings and indentation. */
export function wrapAsRoot(first: Instruction, last: Instruction, source: SourceText, user: string): TextEdit[] {
  const startLine = first.getRange().start.line;
  const endLine = last.getRange().end.line;
  const indent = source.indentOf(startLine);
  return [
    insert({ line: startLine, character: 0 }, `${indent}USER root${source.eol}`),
    insert(source.positionAt(source.lineEnd(endLine)), `${source.eol}${indent}USER ${user}`),
  ];
}
