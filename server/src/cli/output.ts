import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * When the reader of standard output goes away (`check | head`), stop with exit 2 and one line on
 * standard error, instead of Node's stack trace: the run did not finish, so it must not pass for a
 * clean one. Writes to files (--fix, --output) are synchronous, so none is cut off midway.
 */
export function stopOnClosedStdout(tool: string): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    try {
      process.stderr.write(`${tool}: standard output was closed before the report was written; the check stopped\n`);
    } catch {
      // Nowhere left to say it.
    }
    process.exit(2);
  });
}

/**
 * Makes writes to a piped standard output wait for the reader instead of queueing inside the process:
 * through the benchmark's pipe, the streamed report of a 40,000-stage Dockerfile queued 40 MB and cost
 * 0.3 s of CPU. `_handle.setBlocking` is Node's own switch for this (libuv's `uv_stream_set_blocking`); a
 * file or terminal has nothing to switch, and where it is missing writes queue as before.
 */
export function waitForStdoutReader(): void {
  const handle = (process.stdout as unknown as { _handle?: { setBlocking?(blocking: boolean): unknown } })._handle;
  try {
    handle?.setBlocking?.(true);
  } catch {
    // Not a stream libuv can switch (e.g. some Windows handles): writes queue, as they did.
  }
}

/** Why `--output` would not write where it was pointed: the problem and what to do instead. */
export class OutputRefused extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(problem);
  }
}

/** `/dev/stdout`, `/dev/fd/2`, `/proc/self/fd/1`: names of descriptors this process already holds. */
const OWN_DESCRIPTOR = /^\/(?:dev\/(?:std(out|err)|fd\/(\d+))|proc\/self\/fd\/(\d+))$/;

/**
 * Writes a report where `--output` names, as a careful user would by hand:
 * - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: straight into the descriptor we hold, so pipes work and
 *   `>> log` keeps appending;
 * - a character device or a FIFO (`/dev/null`, a named pipe): straight through, never replaced;
 * - a regular file or a new name: a temporary file beside it, flushed, then renamed over it, so a reader
 *   never sees half a report and a failure leaves the old file whole (nothing is truncated first);
 * - a symbolic link: refused, naming its target, so a link planted in a repository cannot redirect the
 *   write (give the target itself to write there);
 * - anything else (a directory, a block device, a socket): refused.
 */
export function writeOutput(output: string, content: string): void {
  const path = resolve(output);
  const fd = ownDescriptor(path);
  if (fd !== undefined) return writeAll(fd, content);
  let stat: Stats | undefined;
  try {
    stat = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (stat === undefined) {
    mkdirSync(dirname(path), { recursive: true });
    return replaceFile(path, content, 0o666);
  }
  if (stat.isSymbolicLink()) {
    let target = '?';
    try {
      target = resolve(dirname(path), readlinkSync(path));
    } catch {
      // Named by the message either way.
    }
    throw new OutputRefused(`'${output}' is a symbolic link (to '${target}')`, 'give the file it points to itself, or another --output path');
  }
  if (stat.isCharacterDevice() || stat.isFIFO()) return writeThrough(path, content);
  if (stat.isFile()) return replaceFile(path, content, stat.mode & 0o7777);
  const kind = stat.isDirectory() ? 'a directory' : stat.isBlockDevice() ? 'a block device' : 'not a regular file';
  throw new OutputRefused(`'${output}' is ${kind}`, 'give --output a file name');
}

function ownDescriptor(path: string): number | undefined {
  const m = OWN_DESCRIPTOR.exec(path);
  if (!m) return undefined;
  if (m[1]) return m[1] === 'out' ? 1 : 2;
  return Number(m[2] ?? m[3]);
}

function writeAll(fd: number, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader rather than lose the report.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Opens without following a link planted after our look, and checks we opened what we looked at. */
function writeThrough(path: string, content: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NOCTTY);
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() && !stat.isFIFO()) throw new OutputRefused(`'${path}' changed while the report was written`, 'run again');
    writeAll(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** A temporary file in the same folder, flushed, then renamed over `path` (rename replaces a link, never follows it). */
function replaceFile(path: string, content: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    try {
      writeAll(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}
