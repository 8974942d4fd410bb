// Reading files the product did not choose itself (sources, configs, profiles, locks) without being led
// into a device, a FIFO or an endless file. Node-side: the engine stays free of file-system access.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Size limits, documented in the README ("Security and reliability"). */
export const SOURCE_LIMIT = 5 * 1024 * 1024;
export const CONFIG_LIMIT = 1024 * 1024;

/** Why a file was not read; the faces word it (a flag, a setting, a notice). Never holds file content. */
export type ReadFailure =
  | { kind: 'missing' }
  | { kind: 'denied' }
  | { kind: 'not-regular'; what: 'directory' | 'device' | 'fifo' | 'socket' | 'other' }
  | { kind: 'too-large'; limit: number }
  | { kind: 'error'; code: string };

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; failure: ReadFailure };

// O_NONBLOCK: opening a FIFO must not wait for a writer. Not defined on Windows, which has no FIFOs to open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(stats: Stats): ReadFailure | undefined {
  if (stats.isFile()) return undefined;
  const what = stats.isDirectory() ? 'directory' : stats.isFIFO() ? 'fifo' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'device' : stats.isSocket() ? 'socket' : 'other';
  return { kind: 'not-regular', what };
}

function failureOf(error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'denied' };
  if (code === 'EISDIR') return { kind: 'not-regular', what: 'directory' };
  return { kind: 'error', code };
}

/**
 * Reads a regular file of at most `limit` bytes. Devices, FIFOs, sockets and folders are refused before
 * a byte is read (checked on the path, then again on the open descriptor, so a swap in between is
 * caught); a file that grows past the limit while it is read is refused too.
 */
export function readBounded(path: string, limit: number): ReadResult {
  try {
    const refused = kindOf(statSync(path));
    if (refused) return { ok: false, failure: refused };
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
  try {
    const stats = fstatSync(fd);
    const refused = kindOf(stats);
    if (refused) return { ok: false, failure: refused };
    if (stats.size > limit) return { ok: false, failure: { kind: 'too-large', limit } };
    // One byte more than the limit tells a file that grew past it from one that fits exactly.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return { ok: false, failure: { kind: 'too-large', limit } };
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger; // the file grew after fstat
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return { ok: true, bytes: buffer.subarray(0, length) };
      length += n;
      if (length > limit) return { ok: false, failure: { kind: 'too-large', limit } };
    }
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  } finally {
    closeSync(fd);
  }
}

/** A failure in words for a one-line message, without the path (the caller names the file). */
export function describeFailure(failure: ReadFailure): string {
  switch (failure.kind) {
    case 'missing':
      return 'it does not exist';
    case 'denied':
      return 'permission denied';
    case 'not-regular':
      return failure.what === 'directory' ? 'it is a folder, not a file' : `it is not a regular file (a ${failure.what})`;
    case 'too-large':
      return `it is larger than ${formatBytes(failure.limit)}`;
    case 'error':
      return `it cannot be read (${failure.code})`;
  }
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`;
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
