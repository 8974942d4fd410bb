import { readFileSync } from 'node:fs';
import { CliError, reason } from './errors';

const BOM = '\uFEFF';

/** A file's text as the engine sees it: without a byte order mark, which would shift every column of line 1. */
export interface Source {
  text: string;
  bom: boolean;
}

export function fromText(raw: string): Source {
  return raw.startsWith(BOM) ? { text: raw.slice(1), bom: true } : { text: raw, bom: false };
}

export function toText(source: Source): string {
  return source.bom ? BOM + source.text : source.text;
}

export function readSource(path: string, shown: string): Source {
  try {
    return fromText(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read '${shown}': ${reason(e)}`, 'check its permissions, or leave it out');
  }
}
