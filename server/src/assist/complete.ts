import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import {
  compareVersions,
  comparePositions,
  publishedChoices,
  rangeContains,
  SourceText,
  type Catalog,
  type Position,
  type Range,
  type Repository,
} from '../engine';
import { describeTag, publishedDetail, tagDetail } from './describe';

export type ImageCompletionKind = 'repository' | 'tag' | 'image' | 'stage';

export interface ImageCompletion {
  label: string;
  kind: ImageCompletionKind;
  detail: string;
  /** Markdown. */
  documentation: string;
  /** Text that replaces `range`. */
  insertText: string;
  range: Range;
  sortText: string;
  deprecated?: boolean;
  /** A repository was inserted with its `:`; the editor should offer its tags next. */
  retrigger?: boolean;
  /** The profile's recommended image (`recommendations.default`): what most stages want. */
  preselect?: boolean;
}

/**
 * Completions for where a Dockerfile names a base image: after `FROM `, after `repository:`, and in the
 * default of an `ARG` that a FROM uses as its tag or image. `undefined` when the position is none of these,
 * so an editor can fall back to general Dockerfile completions.
 */
export function completeImage(text: string, position: Position, catalog: Catalog): ImageCompletion[] | undefined {
  const dockerfile = DockerfileParser.parse(text);
  const instruction = dockerfile.getInstructions().find((i) => rangeContains(i.getRange(), position) || i.getRange().end.line === position.line);
  if (!instruction) return undefined;
  const keyword = instruction.getKeyword();
  if (keyword === 'FROM') return completeFrom(dockerfile, instruction as From, position, catalog);
  if (keyword === 'ARG') return completeArgDefault(dockerfile, text, instruction, position, catalog);
  return undefined;
}

function completeFrom(dockerfile: Dockerfile, from: From, position: Position, catalog: Catalog): ImageCompletion[] | undefined {
  if (comparePositions(position, from.getInstructionRange().end) <= 0) return undefined;
  const imageRange = from.getImageRange();
  if (imageRange && comparePositions(position, imageRange.end) > 0) return undefined; // past the image: `AS name`
  if (from.getFlags().some((f) => rangeContains(f.getRange(), position))) return undefined;

  const tagRange = from.getImageTagRange();
  if (tagRange && rangeContains(tagRange, position)) {
    const repo = repositoryOf(from, catalog);
    return repo ? tagItems(catalog, repo, tagRange, '') : [];
  }
  const range = imageRange ? { start: imageRange.start, end: position } : { start: position, end: position };
  return [...repositoryItems(catalog, range), ...stageItems(dockerfile, from, range)];
}

/** `ARG BASE_TAG=` where some FROM reads `${BASE_TAG}` as its tag (the usual Gen3 service layout). */
function completeArgDefault(dockerfile: Dockerfile, text: string, arg: Instruction, position: Position, catalog: Catalog): ImageCompletion[] | undefined {
  const property = dockerfile
    .getARGs()
    .find((a) => a === arg)
    ?.getProperty();
  if (!property) return undefined;
  const nameEnd = property.getNameRange().end;
  const source = new SourceText(text);
  if (source.text[source.offsetAt(nameEnd)] !== '=') return undefined;
  const valueStart = { line: nameEnd.line, character: nameEnd.character + 1 };
  if (comparePositions(position, valueStart) < 0) return undefined;
  const range = { start: valueStart, end: property.getValueRange()?.end ?? valueStart };
  if (comparePositions(position, range.end) > 0) return undefined;

  const name = property.getName();
  for (const from of dockerfile.getFROMs()) {
    const variable = from.getVariables().find((v) => v.getName() === name);
    if (!variable) continue;
    const tagRange = from.getImageTagRange();
    if (tagRange && rangeContains(tagRange, variable.getRange().start)) {
      const repo = repositoryOf(from, catalog);
      return repo ? tagItems(catalog, repo, range, '') : undefined;
    }
    const imageRange = from.getImageRange();
    if (imageRange && comparePositions(variable.getRange().start, imageRange.start) === 0) return imageItems(catalog, range);
  }
  return undefined;
}

function repositoryOf(from: From, catalog: Catalog): Repository | undefined {
  const registry = from.getRegistry();
  const name = from.getImageName();
  if (!name) return undefined;
  const match = catalog.matchRepository(registry ? `${registry}/${name}` : name);
  return match.kind === 'none' ? undefined : match.repository;
}

function tagItems(catalog: Catalog, repo: Repository, range: Range, prefix: string): ImageCompletion[] {
  const order = { stable: 0, floating: 1, deprecated: 2, rejected: 3 } as const;
  // With a lock, tags the registry does not have are not offered, and its new releases are.
  const fromProfile = catalog
    .tagsStableFirst(repo)
    .filter((t) => t.status !== 'rejected')
    .filter((t) => ['published', 'unsynced'].includes(catalog.publication(repo, t.name)))
    .map((tag, i) => ({
      label: prefix + tag.name,
      kind: 'tag' as const,
      detail: tagDetail(tag, catalog.lockedTag(repo, tag.name)?.entry),
      documentation: describeTag(catalog, repo, { kind: 'catalog', tag, python: tag.python }),
      insertText: prefix + tag.name,
      range,
      sortText: `${order[tag.status]}${String(i).padStart(3, '0')}`,
      deprecated: tag.status === 'deprecated' || undefined,
      preselect: `${repo.name}:${tag.name}` === catalog.profile.recommendations.default || undefined,
    }));
  const described = new Set(repo.tags.map((t) => t.name));
  const fromRegistry = publishedChoices(catalog, repo)
    .filter((p) => !described.has(p.name))
    .sort((a, b) => compareVersions(b.name, a.name))
    .map((p, i) => ({
      label: prefix + p.name,
      kind: 'tag' as const,
      detail: publishedDetail(p.entry),
      documentation: describeTag(catalog, repo, catalog.tagInfo(repo, p.name), p.name),
      insertText: prefix + p.name,
      range,
      sortText: `0${String(fromProfile.length + i).padStart(3, '0')}`,
    }));
  return [...fromProfile, ...fromRegistry];
}

function repositoryItems(catalog: Catalog, range: Range): ImageCompletion[] {
  return catalog.profile.repositories.map((repo, i) => ({
    label: repo.name,
    kind: 'repository' as const,
    detail: `${repo.role} image · ${catalog.profile.title}`,
    documentation: repo.description,
    insertText: `${repo.name}:`,
    range,
    sortText: `0${String(i).padStart(3, '0')}`,
    retrigger: true,
  }));
}

/** Whole references for an ARG that stands for the entire image. */
function imageItems(catalog: Catalog, range: Range): ImageCompletion[] {
  return catalog.profile.repositories.flatMap((repo) => tagItems(catalog, repo, range, `${repo.name}:`).map((item) => ({ ...item, kind: 'image' as const })));
}

function stageItems(dockerfile: Dockerfile, from: From, range: Range): ImageCompletion[] {
  const earlier = dockerfile.getFROMs().filter((f) => f.getRange().start.line < from.getRange().start.line && f.getBuildStage());
  return earlier.map((f, i) => ({
    label: f.getBuildStage()!,
    kind: 'stage' as const,
    detail: `earlier build stage (line ${f.getRange().start.line + 1})`,
    documentation: `Builds on the stage \`${f.getBuildStage()}\` defined on line ${f.getRange().start.line + 1}.`,
    insertText: f.getBuildStage()!,
    range,
    sortText: `1${String(i).padStart(3, '0')}`,
  }));
}
