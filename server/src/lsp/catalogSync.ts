import type { Connection } from 'vscode-languageserver/node';
import { serializeLock } from '../engine';
import type { ResolvedSettings as Settings } from '../node/config';
import { DockerCredentials } from '../catalog/credentials';
import { readLock, writeLock } from '../catalog/lockFile';
import { RegistryClient } from '../catalog/registry';
import { SyncError, syncCatalog } from '../catalog/sync';
import { SyncProgressNotification, type SyncCatalogResult } from './protocol';

/** Runs `catalog sync` for the editor: same client, same lock, progress as notifications. */
export async function syncForEditor(connection: Connection, settings: Settings): Promise<SyncCatalogResult> {
  const path = settings.lockPath;
  try {
    const previous = readLock(path);
    const client = new RegistryClient({ credentials: new DockerCredentials(), concurrency: 8 });
    const totals = new Map<string, number>();
    let last = 0;
    const result = await syncCatalog({
      profile: settings.profile,
      client,
      previous,
      progress: ({ repository, done, total }) => {
        totals.set(repository, total);
        const now = Date.now();
        if (done !== total && now - last < 200) return;
        last = now;
        void connection.sendNotification(SyncProgressNotification, { message: `${repository}: ${done}/${total} tags` });
      },
    });
    const text = serializeLock(result.lock);
    const changed = !previous || serializeLock(previous) !== text;
    if (changed) writeLock(path, result.lock);
    return { ok: true, path, repositories: Object.keys(result.lock.repositories).length, tags: result.tags, changed, warnings: result.warnings };
  } catch (e) {
    const error = e instanceof SyncError ? `${e.repository}: ${e.reason}` : ((e as Error).message ?? String(e));
    return { ok: false, error: `${error}; the lock was left as it was` };
  }
}
