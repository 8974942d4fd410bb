import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, languageOf, type Language } from '../engine';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigLoader,
  isFileProblem,
  profileIds,
  type FileProblem,
  type LastGoodConfigs,
  type ProblemHint,
  type ResolvedSettings,
  type SettingsProblem,
} from '../node/config';
import type { EditorSettings } from './settings';

/** What a document is checked with: the editor's settings over the folder's `.container-standards.json`, as in CI. */
export type DocumentSettings = ResolvedSettings;

export type Resolved =
  { ok: true; settings: DocumentSettings; excluded?: 'exclude' | 'gitignore'; problems: SettingsProblem[] } | { ok: false; problems: SettingsProblem[] };

/** What only the editor knows: workspace trust and the user-level permission for outside profiles. */
export interface EditorEnvironment {
  trusted: boolean;
  allowOutsideProfile: boolean;
}

/**
 * Resolves settings per document with the shared config module (server/src/node/config.ts). Configs
 * and profiles are read once per generation; `clear()` starts a new one after a settings or file
 * change, keeping each config's last good version so checking goes on while a config is broken.
 */
export class SettingsCache {
  private readonly loaders = new Map<string, ConfigLoader>();
  private readonly lastGood: LastGoodConfigs = new Map();

  constructor(
    private readonly folders: () => string[],
    private readonly environment: () => EditorEnvironment,
  ) {}

  clear(): void {
    this.loaders.clear();
  }

  resolve(uri: string, editor: EditorSettings): Resolved {
    const path = filePath(uri);
    const folder = path ? this.folderOf(path) : this.folders()[0];
    const base = folder ? (filePath(folder) ?? process.cwd()) : path ? dirname(path) : process.cwd();
    // An untitled document gets the settings of the first workspace folder.
    const file = path ?? `${base}/untitled`;
    // A file URI with no local path has no folder whose config could apply: the editor's settings alone.
    return this.loaderFor(base, editor, !isForeignFileUri(uri)).resolve(file);
  }

  /** Problems of a config file, to show in it even when no document under it is open. */
  problemsOf(configPath: string, editor: EditorSettings): FileProblem[] {
    const folder = this.folderOf(configPath);
    return this.loaderFor(folder ? (filePath(folder) ?? dirname(configPath)) : dirname(configPath), editor).problemsOf(configPath);
  }

  private loaderFor(base: string, editor: EditorSettings, useConfig = true): ConfigLoader {
    const env = this.environment();
    const key = JSON.stringify([base, useConfig, editor.profile, editor.rules, editor.buildArgs, env]);
    let loader = this.loaders.get(key);
    if (!loader) {
      const roots = this.folders().flatMap((f) => filePath(f) ?? []);
      loader = new ConfigLoader(
        {
          profile: editor.profile || undefined,
          profileBase: base,
          rules: editor.rules,
          buildArgs: editor.buildArgs,
          useConfig,
          gitignore: true,
          allowOutsideProfile: env.allowOutsideProfile,
          trusted: env.trusted,
          roots,
        },
        this.lastGood,
      );
      this.loaders.set(key, loader);
    }
    return loader;
  }

  private folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders()) {
      const root = filePath(folder);
      if (root && (path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`)) && (!best || root.length > filePath(best)!.length)) best = folder;
    }
    return best;
  }
}

/** The editor's words for a problem's remedy: settings, not command-line flags. */
export function editorRemedy(hint: ProblemHint): string {
  switch (hint) {
    case 'outside-profile':
      return 'move the profile into the repository, or allow outside profiles with the user setting containerStandards.allowOutsideProfile';
    case 'untrusted':
      return 'trust the workspace to use its profile file';
    case 'unknown-profile':
      return `use one of ${profileIds()}, or a path to a profile file`;
    case 'fix-lock':
      return 'sync the tag catalog again, or delete the lock';
    case 'fix-profile':
      return 'profiles/profile.schema.json describes the format';
    case 'fix-config':
      return `checking goes on with the last good settings of ${CONFIG_FILE} until it is fixed`;
  }
}

/**
 * The file system path of a `file:` URI; `undefined` for untitled and other schemes, and for file URIs
 * with no local path (a remote host as in `file://host/share`, an encoded slash `%2F`, a malformed URI),
 * which are checked as text alone: never a file-system lookup from their name.
 */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A `file:` URI that names no local file (see `filePath`). */
export function isForeignFileUri(uri: string): boolean {
  return uri.startsWith('file:') && filePath(uri) === undefined;
}

/** A problem with the editor's own setting, for a notification. */
export function settingMessage(problem: SettingsProblem): string {
  if (isFileProblem(problem)) return `${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message}`;
  if (problem.kind === 'unknown') return `unknown profile '${problem.ref}' in the setting containerStandards.profile; ${editorRemedy('unknown-profile')}`;
  return `cannot read the profile file '${problem.ref}' of the setting containerStandards.profile: ${problem.why}; check the path, or use one of ${profileIds()}`;
}

/** The document's language: from its file name, else from the language the editor gives it. */
export function documentLanguage(doc: TextDocument): Language | undefined {
  return languageOf(filePath(doc.uri) ?? doc.uri) ?? (doc.languageId === 'dockerfile' || doc.languageId === 'python' ? doc.languageId : undefined);
}
