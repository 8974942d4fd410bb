import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces a file's content so that no reader ever sees half of it: write a temporary file next to the
 * target, flush it, then rename it over the target. A symlink keeps pointing at the file it named, and
 * the file keeps its mode (and owner, where we may set it).
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
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', before ? before.mode & 0o7777 : 0o666);
  try {
    try {
      if (typeof content === 'string') writeSync(fd, content, null, 'utf8');
      else writeSync(fd, content);
      if (before) keepOwnership(fd, before);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}

function keepOwnership(fd: number, before: Stats): void {
  fchmodSync(fd, before.mode & 0o7777); // the umask may have narrowed it
  const now = fstatSync(fd);
  if (now.uid === before.uid && now.gid === before.gid) return;
  try {
    fchownSync(fd, before.uid, before.gid);
  } catch {
    // Only root may give a file away; the content matters more than the owner.
  }
}
