import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { daysSince, LockError, serializeLock, type CatalogLock } from '../engine';
import { DockerCredentials } from '../catalog/credentials';
import { readLock, writeLock } from '../catalog/lockFile';
import { RegistryClient } from '../catalog/registry';
import { SyncError, syncCatalog } from '../catalog/sync';
import { SettingsResolver } from './config';
import { CliError, oneLine, reason } from './errors';
import { shownPath } from './paths';

export interface CatalogSyncFlags {
  profile?: string;
  output?: string;
  images: string[];
  useConfig: boolean;
  quiet: boolean;
}

/**
 * `catalog sync`: reads the profile's repositories from their registries and writes the lock. A sync
 * that fails leaves the previous lock untouched and exits 2, naming the repository and why.
 */
export async function catalogSync(flags: CatalogSyncFlags): Promise<number> {
  const cwd = process.cwd();
  const settings = new SettingsResolver({ cwd, profile: flags.profile, rules: {}, buildArgs: {}, useConfig: flags.useConfig }).forFolder(cwd);
  const path = flags.output !== undefined ? resolve(cwd, flags.output) : settings.lockPath;
  const shown = shownPath(cwd, path);
  let previous: CatalogLock | undefined;
  try {
    previous = flags.output !== undefined ? readLock(path, shown) : settings.lock;
  } catch (e) {
    if (!(e instanceof LockError)) throw e;
    throw new CliError(oneLine(e.message), `delete ${shown} to start a new lock`);
  }
  const client = new RegistryClient({ credentials: new DockerCredentials(), concurrency: 8 });
  const progress = process.stderr.isTTY && !flags.quiet ? new Progress() : undefined;
  let result;
  try {
    result = await syncCatalog({
      profile: settings.profile,
      client,
      previous,
      images: flags.images,
      progress: progress && ((p) => progress.update(p.repository, p.done, p.total)),
    });
  } catch (e) {
    progress?.clear();
    if (e instanceof SyncError)
      throw new CliError(`catalog sync failed: ${e.repository}: ${oneLine(e.reason)}; ${shown} was left as it was`, 'fix the cause and run the sync again');
    throw e;
  }
  progress?.clear();
  for (const w of result.warnings) process.stderr.write(`container-standards: warning: ${oneLine(w)}\n`);
  const text = serializeLock(result.lock);
  const unchanged = existsSync(path) && safeRead(path) === text;
  if (!unchanged) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeLock(path, result.lock);
    } catch (e) {
      throw new CliError(`cannot write ${shown}: ${reason(e)}`, "check the folder's permissions, or choose another --output");
    }
  }
  if (!flags.quiet) {
    const repos = Object.keys(result.lock.repositories).length;
    const images = Object.keys(result.lock.images ?? {}).length;
    process.stderr.write(
      `container-standards: ${repos} repositor${repos === 1 ? 'y' : 'ies'}, ${result.tags} published tag${result.tags === 1 ? '' : 's'}${images ? `, ${images} image${images === 1 ? '' : 's'}` : ''}; ${shown} ${unchanged ? 'unchanged' : 'written'}\n`,
    );
  }
  return 0;
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** One line on a terminal, rewritten in place. */
class Progress {
  private last = 0;
  update(repository: string, done: number, total: number): void {
    const now = Date.now();
    if (done !== total && now - this.last < 100) return;
    this.last = now;
    process.stderr.write(`\r\x1b[Ksyncing ${repository}: ${done}/${total} tags`);
  }
  clear(): void {
    process.stderr.write('\r\x1b[K');
  }
}

/** `30d`, `2w`, `12h` → days. */
export function parseMaxAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dwh])$/.exec(text.trim());
  if (!m) throw new CliError(`--catalog-max-age '${text}' is not an age`, 'write it like 30d, 2w or 12h');
  const n = Number(m[1]);
  return m[2] === 'w' ? n * 7 : m[2] === 'h' ? n / 24 : n;
}

/** One stderr line per lock that is older than `maxDays` (or missing), never a finding. */
export function staleLockWarnings(locks: Array<{ path: string; lock?: CatalogLock }>, maxDays: number, cwd: string, now = new Date()): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { path, lock } of locks) {
    if (seen.has(path)) continue;
    seen.add(path);
    const shown = shownPath(cwd, path);
    if (!lock) {
      lines.push(`container-standards: warning: no tag catalog lock (${shown}); run 'container-standards catalog sync'`);
      continue;
    }
    const age = daysSince(lock.syncedAt, now);
    if (age > maxDays)
      lines.push(
        `container-standards: warning: the tag catalog lock ${shown} is ${age} days old (synced ${lock.syncedAt}); run 'container-standards catalog sync'`,
      );
  }
  return lines;
}
