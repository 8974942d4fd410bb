import { builtinProfile, daysSince } from '../../engine';
import { isFileProblem } from '../../node/config';
import { syncForEditor } from '../catalogSync';
import type { Feature } from '../context';
import { guard } from '../guard';
import { ProfileRequest, SyncCatalogRequest, type ProfileInfo, type ProfileUnavailable, type SyncCatalogResult } from '../protocol';
import { settingMessage } from '../workspace';

/** The active profile for the status bar and the picker, and "Sync Tag Catalog". */
export const profile: Feature = (ctx) => {
  const { connection, state, log } = ctx;
  connection.onRequest(
    ProfileRequest,
    guard(log, 'profile', null, async ({ uri }): Promise<ProfileInfo | ProfileUnavailable | null> => {
      const resolved = await state.resolve(uri ?? state.folders[0]?.uri ?? '');
      const configErrors = resolved.problems.filter((p) => isFileProblem(p) && p.severity === 'error').length;
      if (!resolved.ok) {
        const broken = resolved.problems.find(isFileProblem);
        return broken ? { unavailable: { file: broken.file, errors: configErrors } } : null;
      }
      const { profile, source, config, lock, lockPath } = resolved.settings;
      return {
        id: profile.id,
        title: profile.title,
        documentation: profile.documentation,
        source: builtinProfile(profile.id) === profile ? 'builtin' : 'file',
        repositories: profile.repositories.map((r) => r.name),
        user: profile.user.name,
        lockPath,
        lock: lock && { path: lockPath, syncedAt: lock.syncedAt, ageDays: daysSince(lock.syncedAt, new Date()) },
        origin:
          source.kind === 'option'
            ? { kind: 'setting' }
            : source.kind === 'config'
              ? { kind: 'config', file: source.file, override: source.override, extended: source.extended }
              : { kind: 'default' },
        restricted: source.kind === 'default' && source.restricted ? source.restricted : undefined,
        config,
        configErrors,
        excluded: resolved.excluded,
      };
    }),
  );

  connection.onRequest(
    SyncCatalogRequest,
    guard(log, 'syncCatalog', { ok: false, error: 'the sync failed; see the output channel' }, async ({ uri }): Promise<SyncCatalogResult> => {
      const resolved = await state.resolve(uri ?? state.folders[0]?.uri ?? '');
      if (!resolved.ok) return { ok: false, error: resolved.problems.map(settingMessage).join('; ') };
      const result = await syncForEditor(connection, resolved.settings);
      // The lock changed under every document that uses it.
      if (result.ok) void ctx.recheckAll();
      return result;
    }),
  );
  return {};
};
