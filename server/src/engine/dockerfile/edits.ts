import { replace } from '../text';
import type { Range, TextEdit } from '../types';
import type { ResolvedImage } from './model';

/**
 * The edit that makes `span` of a resolved image read `newText`. Where the span is written in one place
 * (the FROM line, or a whole ARG default), only those characters change; otherwise the FROM's image text
 * is rewritten in full with the new value.
 */
export function replaceInImage(image: ResolvedImage, span: [number, number], newText: string): TextEdit {
  if (image.isLiteral(span)) return replace(image.locate(span), newText);
  const text = image.ref.text;
  return replace(image.range, text.slice(0, span[0]) + newText + text.slice(span[1]));
}

/**
 * The characters an edit that changes the stage's whole image replaces, whatever the new image (so
 * several choices can share them). With an unresolved variable the resolved text lacks the variable, so
 * the whole image as written is replaced (the variable goes with it).
 */
export function imageEditRange(image: ResolvedImage): Range {
  if (image.unresolved.length) return image.range;
  const span = wholeSpan(image);
  // As replaceInImage: the span where it is written in one place, else the FROM's whole image text.
  return image.isLiteral(span) ? image.locate(span) : image.range;
}

/** Span of the whole reference: repository, tag and digest. */
export function wholeSpan(image: ResolvedImage): [number, number] {
  return [0, image.ref.text.length];
}
