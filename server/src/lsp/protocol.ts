// The language server's own requests, shared by the server and the VS Code client (client/src).
import { NotificationType, NotificationType0, RequestType } from 'vscode-languageserver-protocol/node';

export interface CheckFilesParams {
  uris: string[];
}

export interface CheckFilesResult {
  checked: number;
  findings: number;
}

export interface ProfileParams {
  uri?: string;
}

export interface ProfileInfo {
  id: string;
  title: string;
  documentation?: string;
  source: 'builtin' | 'file';
  repositories: string[];
  user: string;
  /** The tag catalog lock that applies, if any: where it is and the day of its sync (YYYY-MM-DD). */
  lock?: { path: string; syncedAt: string; ageDays: number };
  /** Where `Sync Tag Catalog` would write the lock. */
  lockPath: string;
  /** Where the profile was chosen: the containerStandards.profile setting, a config (maybe one of its overrides), or the default. */
  origin: { kind: 'setting' } | { kind: 'config'; file: string; override?: number; extended: boolean } | { kind: 'default' };
  /** Untrusted workspace: this config names a profile file, which was not read. */
  restricted?: { file: string };
  /** The config that applies to the document, whether or not the setting overrides its profile. */
  config?: string;
  /** Errors in that config (checking goes on with its last good version). */
  configErrors: number;
  /** The config's `exclude` or .gitignore leaves the document out: it is not checked. */
  excluded?: 'exclude' | 'gitignore';
}

/** When no settings can be made: the config that is broken (and has no last good version). */
export interface ProfileUnavailable {
  unavailable: { file: string; errors: number };
}

/** What only the client knows: workspace trust and the user-level permission for outside profile files. */
export interface EnvironmentParams {
  trusted: boolean;
  allowOutsideProfile: boolean;
}

export interface SyncCatalogParams {
  /** The document (or folder) whose profile to sync. */
  uri?: string;
}

export type SyncCatalogResult =
  { ok: true; path: string; repositories: number; tags: number; changed: boolean; warnings: string[] } | { ok: false; error: string };

export interface SyncProgressParams {
  message: string;
  /** Share of the work done since the last report, in percent. */
  increment?: number;
}

/** Checks files on disk (or open) and publishes their diagnostics: "Check whole workspace". */
export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('containerStandards/checkFiles');

/**
 * Reads the profile's repositories from their registries and writes the tag catalog lock: the only way
 * the server reaches the network, and only when the user asks (or turned on catalog.autoSync).
 */
export const SyncCatalogRequest = new RequestType<SyncCatalogParams, SyncCatalogResult, void>('containerStandards/syncCatalog');

/** Progress of a running sync, for the client's notification. */
export const SyncProgressNotification = new NotificationType<SyncProgressParams>('containerStandards/syncProgress');

/** The profile that applies to a document, or `null` when it cannot be loaded. */
export const ProfileRequest = new RequestType<ProfileParams, ProfileInfo | ProfileUnavailable | null, void>('containerStandards/profile');

/** Client → server: trust or the outside-profile permission changed (also sent as initializationOptions.environment). */
export const EnvironmentNotification = new NotificationType<EnvironmentParams>('containerStandards/environment');

/** Server → client: settings, configs or profiles changed and were read again (the status bar refreshes). */
export const SettingsChangedNotification = new NotificationType0('containerStandards/settingsChanged');
