import type { Connection, InitializeParams, WorkspaceFolder } from 'vscode-languageserver/node';
import { CONFIG_FILE } from '../engine';
import { ConfigProblems } from './configProblems';
import { readSettings, SECTION, type EditorSettings } from './settings';
import { filePath, SettingsCache, type DocumentSettings, type EditorEnvironment, type Resolved } from './workspace';

/**
 * What the server knows of the editor: its folders, trust and settings, and each document's resolved
 * settings (editor settings over the folder's config). Problems in config and profile files become
 * diagnostics in those files; a wrong setting, one notification.
 */
export class EditorState {
  folders: WorkspaceFolder[] = [];
  pullsConfiguration = false;
  pushedSettings: unknown;
  // Clients that do not say (other editors) are trusted: the user started the server on the folder.
  environment: EditorEnvironment = { trusted: true, allowOutsideProfile: false };
  private readonly editorSettings = new Map<string, Promise<EditorSettings>>();
  private readonly cache = new SettingsCache(
    () => this.folders.map((f) => f.uri),
    () => this.environment,
  );
  private readonly problems: ConfigProblems;

  /** The client opens `containerStandards.showRuleDocs` itself, with the page bundled in the extension (VS Code). */
  bundledRuleDocs = false;

  constructor(private readonly connection: Connection) {
    this.problems = new ConfigProblems(connection);
  }

  initialize(params: InitializeParams): void {
    this.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.pullsConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown; environment?: Partial<EditorEnvironment>; ruleDocs?: string } | undefined;
    this.pushedSettings = init?.settings;
    this.bundledRuleDocs = init?.ruleDocs === 'bundled';
    this.setEnvironment(init?.environment);
  }

  setEnvironment(raw: Partial<EditorEnvironment> | undefined): void {
    this.environment = { trusted: raw?.trusted !== false, allowOutsideProfile: raw?.allowOutsideProfile === true };
  }

  settingsFor(uri: string): Promise<EditorSettings> {
    if (!this.pullsConfiguration) return Promise.resolve(readSettings(this.pushedSettings));
    let pending = this.editorSettings.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(readSettings, () => readSettings(undefined));
      this.editorSettings.set(uri, pending);
    }
    return pending;
  }

  /** The document's settings resolved, its problems shown. */
  async resolve(uri: string): Promise<Resolved> {
    const resolved = this.cache.resolve(uri, await this.settingsFor(uri));
    this.problems.show(resolved.problems);
    return resolved;
  }

  /** `undefined` when the document is not checked: broken config with no last good version, wrong setting, or excluded (as in CI). */
  async documentSettings(uri: string, includeExcluded = false): Promise<DocumentSettings | undefined> {
    const resolved = await this.resolve(uri);
    if (!resolved.ok || (resolved.excluded && !includeExcluded)) return undefined;
    return resolved.settings;
  }

  forget(uri: string): void {
    this.editorSettings.delete(uri);
  }

  /** Starts over after a change of settings or files; config files that changed show their problems (or none) at once. */
  async reset(changed: string[]): Promise<void> {
    this.editorSettings.clear();
    this.cache.clear();
    this.problems.forgetNotified();
    const configs = new Set([...this.problems.files(), ...changed.filter((u) => u.endsWith(`/${CONFIG_FILE}`))]);
    for (const uri of configs) {
      const path = filePath(uri);
      if (path && path.endsWith(CONFIG_FILE)) this.problems.publish(path, this.cache.problemsOf(path, await this.settingsFor(uri)));
      else this.problems.clear(uri);
    }
  }
}
