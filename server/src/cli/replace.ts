import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { languageOf } from '../engine';
import { readBounded } from './bounded';
import { reason } from './errors';
import { inside } from './paths';

/**
 * How `--fix` replaces a file, so that faults never cost the user an edit or leave litter:
 * - the new content goes to a temporary file beside the target, renamed over it (no half-written file);
 * - only if the file is unchanged since it was read (size, mtime, inode and a SHA-256 of the content),
 *   else it is skipped: an edit made while the run was working is never lost;
 * - a file deleted meanwhile is not re-created; one with several hard links is not split; a link that
 *   leads outside the checked folders is not followed;
 * - the mode (with set-user-ID and set-group-ID bits) and owner carry over;
 * - SIGINT, SIGTERM and SIGHUP remove a temporary file being written; temporary files left by a run that
 *   was killed outright are removed by the next run in that folder.
 */

/** What a file looked like when it was read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  sha256: string;
}

export function stampOf(stats: Stats, bytes: Uint8Array): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, dev: stats.dev, sha256: sha256(bytes) };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type Replaced = { ok: true } | { ok: false; failed: boolean; why: string };

/** `.Dockerfile.1a2b3c4d5e6f.tmp`: hidden, beside the target, unique per write. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Temporary files being written now: a signal handler removes them before the process ends. */
const live = new Set<string>();
let handlersInstalled = false;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Installs SIGINT/SIGTERM/SIGHUP handlers for the rest of the run: the signal waits until the current
 * write has finished (writes are synchronous), any temporary file is removed, and the process then
 * ends by the same signal, as it would have without us.
 */
export function cleanUpOnSignals(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const temp of live) removeQuietly(temp);
      live.clear();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Removes temporary files an earlier run left in `dir` when it was killed (kill -9, power loss): hidden
 * files named like ours, for a file we would check, last written before this run started.
 */
export function removeStaleTemps(dir: string, runStartedMs: number): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || !languageOf(m[1])) continue;
    const path = join(dir, name);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || stats.mtimeMs >= runStartedMs) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Replaces `path` with `content` if it is still what was read (`stamp`), writing only inside `roots`
 * (real paths of the folders being checked). Never throws for a file-system problem: says why instead.
 */
export function replaceFile(path: string, content: string | Uint8Array, stamp: FileStamp, roots: string[]): Replaced {
  let target: string;
  let before: Stats;
  try {
    target = realpathSync(path);
    before = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, failed: false, why: 'it was deleted after it was read, so it is not re-created' };
    return { ok: false, failed: true, why: reason(e) };
  }
  if (!roots.some((root) => target === root || inside(root, target) !== undefined)) {
    return { ok: false, failed: false, why: 'it is a link to a file outside the checked folders, which --fix does not write' };
  }
  if (!before.isFile()) return { ok: false, failed: false, why: 'it is no longer a regular file' };
  if (before.nlink > 1) {
    return {
      ok: false,
      failed: false,
      why: `it has ${before.nlink} hard links, and replacing it would split them; fix it by hand or apply the fixes to a copy`,
    };
  }
  if (!unchanged(target, before, stamp))
    return { ok: false, failed: false, why: 'it changed after it was read, so the fixes (made for the old content) were not written' };

  try {
    swapIn(target, content, before);
    return { ok: true };
  } catch (e) {
    return { ok: false, failed: true, why: reason(e) };
  }
}

/**
 * Writes a file (the catalog lock) so that no reader ever sees half of it, through the same temporary
 * file and rename as `replaceFile`; a symlink keeps pointing at the file it named. Throws on failure.
 */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  let target = path;
  let before: Stats | undefined;
  try {
    target = realpathSync(path);
    before = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  swapIn(target, content, before);
}

/**
 * Writes `content` to a temporary file beside `target`, gives it the owner and mode `target` had
 * (`before`; a new file gets the umask's), flushes it and renames it over `target`. The temporary file
 * is removed on failure and on SIGINT/SIGTERM/SIGHUP (`cleanUpOnSignals`).
 */
function swapIn(target: string, content: string | Uint8Array, before: Stats | undefined): void {
  const temp = tempNameFor(target);
  live.add(temp);
  try {
    const fd = openSync(temp, 'wx', before ? 0o600 : 0o666);
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      if (before) keepOwnerAndMode(fd, before);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    removeQuietly(temp);
    throw e;
  } finally {
    live.delete(temp);
  }
}

function unchanged(target: string, now: Stats, stamp: FileStamp): boolean {
  if (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs || now.ino !== stamp.ino || now.dev !== stamp.dev) return false;
  try {
    return sha256(readBounded(target, Math.max(stamp.size, 0))) === stamp.sha256;
  } catch {
    return false;
  }
}

/**
 * The owner first, then the mode: chown clears the set-user-ID and set-group-ID bits, so setting the
 * mode last keeps them (F16). Only root may give a file away; elsewhere the owner is already ours.
 */
function keepOwnerAndMode(fd: number, before: Stats): void {
  try {
    fchownSync(fd, before.uid, before.gid);
  } catch {
    // Not permitted: the new file stays ours, which it already was unless we are root.
  }
  fchmodSync(fd, before.mode & 0o7777);
}
