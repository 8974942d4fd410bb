import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type InitializeParams,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { CONFIG_FILE } from '../engine';
import { TOOL_NAME } from '../product';
import { isFileProblem, type FileProblem, type SettingsProblem } from '../node/config';
import { readSettings, SECTION, type EditorSettings } from './settings';
import { editorRemedy, filePath, settingMessage, SettingsCache, type DocumentSettings, type EditorEnvironment, type Resolved } from './workspace';

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
  private readonly reported = new Set<string>();
  /** Config and profile files with published problems → the problems, as last sent. */
  private readonly configDiagnostics = new Map<string, string>();

  /** The client opens `containerStandards.showRuleDocs` itself, with the page bundled in the extension (VS Code). */
  bundledRuleDocs = false;

  constructor(private readonly connection: Connection) {}

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
    this.showProblems(resolved.problems);
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
    this.reported.clear();
    const configs = new Set([...this.configDiagnostics.keys(), ...changed.filter((u) => u.endsWith(`/${CONFIG_FILE}`))]);
    for (const uri of configs) {
      const path = filePath(uri);
      if (path && path.endsWith(CONFIG_FILE)) this.publishFileProblems(path, this.cache.problemsOf(path, await this.settingsFor(uri)));
      else if (this.configDiagnostics.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  private showProblems(problems: SettingsProblem[]): void {
    const byFile = new Map<string, FileProblem[]>();
    for (const p of problems) {
      if (isFileProblem(p)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      else {
        const message = settingMessage(p);
        if (this.reported.has(message)) continue;
        this.reported.add(message);
        void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Container Standards: ${message}` });
      }
    }
    for (const [file, list] of byFile) this.publishFileProblems(file, list);
  }

  private publishFileProblems(file: string, problems: FileProblem[]): void {
    const uri = pathToFileURL(file).href;
    const diagnostics = problems.map((p) => ({
      range: p.range,
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: TOOL_NAME,
      message: p.hint === 'fix-config' || p.hint === 'fix-profile' ? p.message : `${p.message}; ${editorRemedy(p.hint)}`,
    }));
    const key = JSON.stringify(diagnostics);
    if (this.configDiagnostics.get(uri) === key) return;
    this.configDiagnostics.set(uri, key);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
