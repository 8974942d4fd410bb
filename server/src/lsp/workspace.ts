import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinProfile, type Profile } from '../engine';
import { SettingsResolver, type Settings } from '../cli/config';
import type { EditorSettings } from './settings';

/** What a document is checked with: the editor's settings over the folder's `.container-standards.json`, as in CI. */
export type DocumentSettings = Settings;

export type Resolved = { ok: true; settings: DocumentSettings } | { ok: false; error: string };

/**
 * Resolves settings per document. Config and profile files are read once per resolver; resolvers are
 * dropped when settings or watched files change.
 */
export class SettingsCache {
  private readonly resolvers = new Map<string, SettingsResolver>();

  constructor(private readonly folders: () => string[]) {}

  clear(): void {
    this.resolvers.clear();
  }

  resolve(uri: string, editor: EditorSettings): Resolved {
    const path = filePath(uri);
    const folder = path ? this.folderOf(path) : this.folders()[0];
    const cwd = folder ? filePath(folder) ?? process.cwd() : path ? dirname(path) : process.cwd();
    // A file URI with no local path has no folder whose config could apply: the editor's settings alone.
    const useConfig = !isForeignFileUri(uri);
    const key = JSON.stringify([cwd, useConfig, editor.profile, editor.rules, editor.buildArgs]);
    try {
      let resolver = this.resolvers.get(key);
      if (!resolver) {
        resolver = new SettingsResolver({ cwd, profile: editor.profile || undefined, rules: editor.rules, buildArgs: editor.buildArgs, useConfig });
        this.resolvers.set(key, resolver);
      }
      // An untitled document gets the settings of the first workspace folder.
      const settings = resolver.forFolder(path ? dirname(path) : cwd);
      return { ok: true, settings };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
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

export function profileSource(profile: Profile): 'builtin' | 'file' {
  return builtinProfile(profile.id) === profile ? 'builtin' : 'file';
}
