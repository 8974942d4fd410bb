import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Largest Dockerfile or Python file we read (the CLI and the language server alike). */
export const SOURCE_LIMIT = 5 * 1024 * 1024;

/** Why a file was not read: it is no regular file (a device, FIFO, socket…), or it is over the limit. */
export class RefusedFile extends Error {
  constructor(
    readonly why: 'not-regular' | 'too-large',
    readonly limit: number,
  ) {
    super(why === 'not-regular' ? 'it is not a regular file' : `it is larger than ${megabytes(limit)} (the limit for this kind of file)`);
  }
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Reads a regular file of at most `limit` bytes, opening it once. A device, FIFO or socket is refused
 * before it is opened (opening some devices has effects, a FIFO blocks); the open itself does not block
 * and is checked again on the descriptor, so a file swapped for a FIFO in between is refused too.
 * Never reads more than `limit + 1` bytes, whatever the file claims or grows to.
 */
export function readBounded(path: string, limit: number): Buffer {
  return readBoundedWithStats(path, limit).bytes;
}

/** `readBounded`, with what the open file looked like (for `--fix`'s unchanged-since-read check). */
export function readBoundedWithStats(path: string, limit: number): { bytes: Buffer; stats: Stats } {
  if (!statSync(path).isFile()) throw new RefusedFile('not-regular', limit);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new RefusedFile('not-regular', limit);
    if (stats.size > limit) throw new RefusedFile('too-large', limit);
    return { bytes: readAtMost(fd, limit, stats), stats };
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input (or any descriptor) up to `limit` bytes; more is refused. */
export function readDescriptorBounded(fd: number, limit: number): Buffer {
  return readAtMost(fd, limit);
}

function readAtMost(fd: number, limit: number, stats?: Stats): Buffer {
  // One buffer of the size the file claims plus a byte, so a file that grew is noticed; it doubles (up to
  // the limit) only when the file is longer than it said, or for standard input. No copy when it fits.
  let buffer = Buffer.allocUnsafe(Math.min(limit + 1, (stats ? stats.size : 64 * 1024) + 1));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    let n: number;
    try {
      n = readSync(fd, buffer, total, buffer.length - total, null);
    } catch (e) {
      // Standard input in non-blocking mode (a terminal, some pipes): wait a moment and go on.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new RefusedFile('too-large', limit);
  }
  return buffer.subarray(0, total);
}

/** Largest config or profile file we read. */
export const CONFIG_LIMIT = 1024 * 1024;

/** Why a read failed, in words without the path or any content (the caller names the file). */
export function whyUnread(error: unknown): string {
  if (error instanceof RefusedFile) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return `it cannot be read (${code ?? 'unknown error'})`;
}

/** UTF-8 text without a byte order mark, or `undefined` when the bytes are not UTF-8. */
export function utf8Text(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
