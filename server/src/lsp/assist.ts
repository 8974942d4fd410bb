import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Hover,
  type Position,
} from 'vscode-languageserver/node';
import type { Catalog } from '../engine';
import { completeImage, type ImageCompletionKind } from '../assist/complete';
import { hoverImage } from '../assist/hover';

const KIND: Record<ImageCompletionKind, CompletionItemKind> = {
  repository: CompletionItemKind.Module,
  tag: CompletionItemKind.Value,
  image: CompletionItemKind.Value,
  stage: CompletionItemKind.Reference,
};

/** The profile's images and tags where a Dockerfile names a base image; `undefined` elsewhere. */
export function imageCompletions(text: string, position: Position, catalog: Catalog): CompletionItem[] | undefined {
  return completeImage(text, position, catalog)?.map((c) => ({
    label: c.label,
    kind: KIND[c.kind],
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    textEdit: { range: c.range, newText: c.insertText },
    // The range starts where the image does, so the editor filters on everything typed since.
    filterText: c.insertText,
    insertTextFormat: InsertTextFormat.PlainText,
    sortText: c.sortText,
    tags: c.deprecated ? [CompletionItemTag.Deprecated] : undefined,
    preselect: c.preselect,
    command: c.retrigger ? { title: 'Suggest tags', command: 'editor.action.triggerSuggest' } : undefined,
  }));
}

/** `reported`: codes of the findings under the cursor, whose messages the hover need not repeat. */
export function imageHover(
  text: string,
  position: Position,
  catalog: Catalog,
  buildArgs: Record<string, string>,
  reported?: ReadonlySet<string>,
): Hover | undefined {
  const hover = hoverImage(text, position, catalog, buildArgs, reported);
  return hover && { range: hover.range, contents: { kind: MarkupKind.Markdown, value: hover.contents } };
}
