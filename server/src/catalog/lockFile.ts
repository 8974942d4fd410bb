import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockError, parseLock, serializeLock, type CatalogLock } from '../engine';
import { writeAtomic } from '../cli/replace';

/** Beside the `.container-standards.json` that chose the profile (else the folder the command runs in). */
export const LOCK_FILE = 'container-standards.lock.json';

export function lockPathIn(dir: string): string {
  return join(dir, LOCK_FILE);
}

/** The lock at `path`; `undefined` when there is none. A lock that cannot be read or parsed is an error. */
export function readLock(path: string, shown = path): CatalogLock | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new LockError(`cannot read ${shown}: ${(e as Error).message}`);
  }
  return parseLock(text, shown);
}

/** Writes the lock whole or not at all: readers (and a failed sync) never see half a lock. */
export function writeLock(path: string, lock: CatalogLock): void {
  writeAtomic(path, serializeLock(lock));
}
