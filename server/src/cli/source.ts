import type { Stats } from 'node:fs';
import { EncodedText, EncodingError, type Language } from '../engine';
import { megabytes, readBoundedWithStats, RefusedFile, SOURCE_LIMIT } from './bounded';
import { stampOf, type FileStamp } from './replace';
import { CliError, reason } from './errors';

/**
 * Reads a source file: a regular file of at most SOURCE_LIMIT bytes, decoded as the engine will check it
 * (see `EncodedText.decode`). When it is refused (a device, FIFO, socket or an oversized file) and
 * `onRefused` is given, says why there and returns `undefined` (folder scans skip it); otherwise a
 * refusal stops the run like any unreadable file (named paths).
 */
export function readSource(path: string, shown: string, language: Language, onRefused?: (notice: string) => void): EncodedText | undefined {
  let bytes: Buffer;
  let stats: Stats;
  try {
    const read = readBoundedWithStats(path, SOURCE_LIMIT);
    bytes = read.bytes;
    stats = read.stats;
  } catch (e) {
    if (e instanceof RefusedFile && onRefused) {
      onRefused(`skipped '${shown}': ${e.message}`);
      return undefined;
    }
    // Found by a folder scan and deleted before it was read (a busy checkout): nothing left to check.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && onRefused) {
      onRefused(`skipped '${shown}': it was deleted before it could be read`);
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
  const source = decodeSource(bytes, shown, language);
  // Hashed only when --fix asks for it: a check-only run has no use for it (2% of a scan's CPU).
  let stamp: FileStamp | undefined;
  (source as Stamped)[STAMP] = () => (stamp ??= stampOf(stats, bytes));
  return source;
}

/**
 * What each file read by `readSource` looked like then: --fix replaces it only if it still does. Kept on
 * the source, not in a WeakMap: V8's minor GC keeps WeakMap entries with young keys, and each file's bytes
 * and text outlived its check.
 */
const STAMP = Symbol('stamp');
type Stamped = EncodedText & { [STAMP]?: () => FileStamp };

export function stampFor(source: EncodedText): FileStamp | undefined {
  return (source as Stamped)[STAMP]?.();
}

export function decodeSource(bytes: Uint8Array, shown: string, language: Language): EncodedText {
  try {
    return EncodedText.decode(bytes, language);
  } catch (e) {
    if (e instanceof EncodingError) throw new CliError(`cannot check '${shown}': it ${e.message}`, 'convert it to UTF-8, or leave it out');
    throw e;
  }
}
