import { parseDockerfile } from './parse';
import { mapOffset, SourceText, type Span } from '../text';

/**
 * What a fix broke in a Dockerfile's structure: every instruction that no edit touches must still be one
 * instruction, with the same extent, once the edits are applied. An edit that splits an instruction,
 * joins it to another (a line continuation) or swallows it (an open heredoc) fails this.
 */
export function dockerfileDamage(before: string, after: string, spans: Span[]): string | undefined {
  const kept = new Set(instructionExtents(after).map(([s, e]) => `${s}:${e}`));
  const source = new SourceText(before);
  for (const [start, end] of instructionExtents(before)) {
    if (spans.some((s) => s.start < end && start < s.end)) continue;
    if (!kept.has(`${mapOffset(start, spans, 'start')}:${mapOffset(end, spans, 'end')}`)) {
      return `the instruction on line ${source.positionAt(start).line + 1} would no longer parse as it did`;
    }
  }
  return undefined;
}

function instructionExtents(text: string): Array<[number, number]> {
  const source = new SourceText(text);
  return parseDockerfile(text)
    .getInstructions()
    .map((i) => {
      const r = i.getRange();
      return [source.offsetAt(r.start), source.offsetAt(r.end)];
    });
}
