import { megabytes, readBounded, RefusedFile, SOURCE_LIMIT } from './bounded';
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

/**
 * Reads a source file: a regular file of at most SOURCE_LIMIT bytes. When it is refused (a device, FIFO,
 * socket or an oversized file) and `onRefused` is given, says why there and returns `undefined`
 * (folder scans skip it); otherwise a refusal stops the run like any unreadable file (named paths).
 */
export function readSource(path: string, shown: string, onRefused?: (notice: string) => void): Source | undefined {
  let bytes: Buffer;
  try {
    bytes = readBounded(path, SOURCE_LIMIT);
  } catch (e) {
    if (e instanceof RefusedFile && onRefused) {
      onRefused(`skipped '${shown}': ${e.message}`);
      return undefined;
    }
    const remedy =
      e instanceof RefusedFile
        ? e.why === 'not-regular'
          ? 'name a regular file, or pipe it in with --stdin'
          : `files over ${megabytes(SOURCE_LIMIT)} are not checked; leave it out`
        : 'check its permissions, or leave it out';
    throw new CliError(`cannot read '${shown}': ${reason(e)}`, remedy);
  }
  return fromText(bytes.toString('utf8'));
}
