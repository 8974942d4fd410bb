import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, builtinProfile, catalogFor, CONFIG_FILE, daysSince, fixChecker, languageOf, lint, type Language, type LintOptions, type LintResult } from '../engine';
import { ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from '../product';
import { imageCompletions, imageHover } from './assist';
import { codeActions, FIX_ALL_KIND, SHOW_RULE_DOCS } from './codeActions';
import { CheckFilesRequest, EnvironmentNotification, ProfileRequest, SettingsChangedNotification, SyncCatalogRequest, type CheckFilesResult, type ProfileInfo, type ProfileUnavailable, type SyncCatalogResult } from './protocol';
import { syncForEditor } from './catalogSync';
import { toDiagnostic } from './diagnostics';
import { guard, keepAlive } from './guard';
import { readBounded, SOURCE_LIMIT } from '../node/bounded';
import { OVERSIZED_MESSAGE, oversized } from './oversized';
import { collectGarbage, LARGE_DOCUMENT } from './memory';
import { DockerfileFeatures } from './dockerfileFeatures';
import { CheckScheduler } from './scheduler';
import { readSettings, SECTION, type EditorSettings } from './settings';
import { editorRemedy, filePath, settingMessage, SettingsCache, type DocumentSettings, type EditorEnvironment } from './workspace';
import { isFileProblem, type FileProblem, type SettingsProblem } from '../node/config';

/** Pause after the last keystroke before a document is checked again. */
const TYPING_PAUSE_MS = 200;

interface Checked {
  version: number;
  text: string;
  language: Language;
  settings: DocumentSettings;
  result: LintResult;
}

/**
 * The engine's options for one document, as the CLI builds them: the config's scope, and for a
 * Dockerfile the names beside it (a pyproject.toml is evidence of a Python application).
 */
function lintOptions(settings: DocumentSettings, language: Language, uri: string): LintOptions {
  const path = language === 'dockerfile' ? filePath(uri) : undefined;
  let siblings: string[] | undefined;
  if (path) {
    try {
      siblings = readdirSync(dirname(path));
    } catch {
      siblings = undefined;
    }
  }
  return { profile: settings.profile, rules: settings.rules, buildArgs: settings.buildArgs, lock: settings.lock, scope: settings.scope, siblings };
}

/**
 * Keeps what the code actions need (findings, their fixes and suppression edits) and lets the rest of
 * the analysis go: the result's `suppressionEdit` holds the whole context (parse tree, symbols), and an
 * open document's last check lives as long as the document (with 1,000 documents open: 128 MiB of heap).
 */
function findingsOnly(result: LintResult): LintResult {
  const edits = new Map(result.findings.map((f) => [f, result.suppressionEdit(f)]));
  const fileEdits = new Map(result.findings.map((f) => [f, result.fileSuppressionEdit(f)]));
  return {
    findings: result.findings,
    suppressionEdit: (f) => edits.get(f) ?? { range: { start: f.range.start, end: f.range.start }, newText: '' },
    fileSuppressionEdit: (f) => fileEdits.get(f),
  };
}

/** The language server: adapts the engine to LSP. Everything it knows about the standard comes from the engine. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const checked = new Map<string, Checked>();
  const editorSettings = new Map<string, Promise<EditorSettings>>();
  let folders: WorkspaceFolder[] = [];
  let pullsConfiguration = false;
  let tracksFolders = false;
  let showsDocuments = false;
  let pushedSettings: unknown;
  let features: DockerfileFeatures;
  // Clients that do not say (other editors) are trusted: the user started the server on the folder.
  let environment: EditorEnvironment = { trusted: true, allowOutsideProfile: false };
  const settingsCache = new SettingsCache(() => folders.map((f) => f.uri), () => environment);
  const reported = new Set<string>();
  const log = (message: string) => connection.console.error(message);
  keepAlive(log);
  /** Config and profile files with published problems → the problems, as last sent. */
  const configDiagnostics = new Map<string, string>();

  function languageOfDocument(doc: TextDocument): Language | undefined {
    const byName = languageOf(filePath(doc.uri) ?? doc.uri);
    if (byName) return byName;
    return doc.languageId === 'dockerfile' || doc.languageId === 'python' ? doc.languageId : undefined;
  }

  function settingsFor(uri: string): Promise<EditorSettings> {
    if (!pullsConfiguration) return Promise.resolve(readSettings(pushedSettings));
    let pending = editorSettings.get(uri);
    if (!pending) {
      pending = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(readSettings, () => readSettings(undefined));
      editorSettings.set(uri, pending);
    }
    return pending;
  }

  /**
   * Settings for a document, or `undefined` when it is not checked: its config is broken with no last
   * good version (the problems show in the config file), the profile setting is wrong (one notification
   * per problem), or the config's `exclude` or .gitignore leaves it out, as in CI.
   */
  async function documentSettings(uri: string, includeExcluded = false): Promise<DocumentSettings | undefined> {
    const resolved = settingsCache.resolve(uri, await settingsFor(uri));
    showProblems(resolved.problems);
    if (!resolved.ok || (resolved.excluded && !includeExcluded)) return undefined;
    return resolved.settings;
  }

  /** Problems in config and profile files become diagnostics in those files; a wrong setting, a notification. */
  function showProblems(problems: SettingsProblem[]): void {
    const byFile = new Map<string, FileProblem[]>();
    for (const p of problems) {
      if (isFileProblem(p)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      else {
        const message = settingMessage(p);
        if (!reported.has(message)) {
          reported.add(message);
          void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Container Standards: ${message}` });
        }
      }
    }
    for (const [file, list] of byFile) publishFileProblems(file, list);
  }

  function publishFileProblems(file: string, problems: FileProblem[]): void {
    const uri = pathToFileURL(file).href;
    const diagnostics = problems.map((p) => ({
      range: p.range,
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: TOOL_NAME,
      message: p.hint === 'fix-config' || p.hint === 'fix-profile' ? p.message : `${p.message}; ${editorRemedy(p.hint)}`,
    }));
    const key = JSON.stringify(diagnostics);
    if (configDiagnostics.get(uri) === key) return;
    configDiagnostics.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  async function lintText(text: string, language: Language, settings: DocumentSettings, uri: string): Promise<LintResult> {
    return lint(text, language, lintOptions(settings, language, uri));
  }

  async function check(uri: string, isCurrent: () => boolean): Promise<void> {
    try {
      const doc = documents.get(uri);
      const language = doc && languageOfDocument(doc);
      if (!doc || !language) return;
      if (oversized(doc.getText())) {
        checked.delete(uri);
        const start = { line: 0, character: 0 };
        void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [{ range: { start, end: start }, severity: DiagnosticSeverity.Information, source: TOOL_NAME, message: OVERSIZED_MESSAGE }] });
        return;
      }
      const settings = await documentSettings(uri);
      if (!isCurrent()) return;
      if (!settings) {
        checked.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      const text = doc.getText();
      const version = doc.version;
      const result = await lintText(text, language, settings, uri);
      if (!isCurrent() || documents.get(uri)?.version !== version) return;
      checked.set(uri, { version, text, language, settings, result: findingsOnly(result) });
      void connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
    } catch (e) {
      connection.console.error(`checking ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  const scheduler = new CheckScheduler(check, TYPING_PAUSE_MS);

  /** The last check of the document as it is now, checking again if it changed since. */
  async function current(uri: string): Promise<Checked | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const last = checked.get(uri);
    if (last?.version === doc.version) return last;
    const language = languageOfDocument(doc);
    const text = doc.getText();
    if (oversized(text)) return undefined;
    const settings = language && (await documentSettings(uri));
    if (!language || !settings) return undefined;
    return { version: doc.version, text, language, settings, result: await lintText(text, language, settings, uri) };
  }

  async function recheckAll(changed: string[] = []): Promise<void> {
    editorSettings.clear();
    settingsCache.clear();
    reported.clear();
    // Config files that changed show their problems (or none) at once, even with no document under them open.
    const configs = new Set([...configDiagnostics.keys(), ...changed.filter((u) => u.endsWith(`/${CONFIG_FILE}`))]);
    for (const uri of configs) {
      const path = filePath(uri);
      if (path && path.endsWith(CONFIG_FILE)) publishFileProblems(path, settingsCache.problemsOf(path, await settingsFor(uri)));
      else if (configDiagnostics.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    void connection.sendNotification(SettingsChangedNotification);
    for (const doc of documents.all()) scheduler.schedule(doc.uri, true);
    void refreshFeatures();
  }

  async function refreshFeatures(): Promise<void> {
    const anyUri = folders[0]?.uri ?? '';
    const settings = await settingsFor(anyUri);
    await features.enable(settings.dockerfileFeatures.enable);
  }

  connection.onInitialize((params): InitializeResult => {
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    tracksFolders = params.capabilities.workspace?.workspaceFolders === true;
    const init = params.initializationOptions as { settings?: unknown; environment?: Partial<EditorEnvironment> } | undefined;
    pushedSettings = init?.settings;
    environment = readEnvironment(init?.environment);
    features = new DockerfileFeatures(connection, documents, params.capabilities);
    showsDocuments = params.capabilities.window?.showDocument?.support === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: [':', ' ', '='] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_RULE_DOCS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...features.staticCapabilities(),
      },
      serverInfo: { name: TOOL_NAME, version: TOOL_VERSION },
    };
  });

  connection.onInitialized(guard(log, 'initialized', undefined, () => {
    void refreshFeatures();
    if (pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
    // vscode-languageserver throws when subscribing to events the client never sends.
    if (tracksFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = [...folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
        recheckAll();
      });
    }
  }));

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, (change) => {
      if (!pullsConfiguration) pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[SECTION];
      recheckAll();
    }),
  );
  // The client watches `.container-standards.json` and profile files.
  connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (e) => void recheckAll(e.changes.map((c) => c.uri))));
  // Workspace trust granted, or the user setting for outside profiles changed.
  connection.onNotification(
    EnvironmentNotification,
    guard(log, 'environment', undefined, (env) => {
      environment = readEnvironment(env);
      void recheckAll();
    }),
  );

  documents.onDidOpen(guard(log, 'didOpen', undefined, (e) => scheduler.schedule(e.document.uri, true)));
  documents.onDidChangeContent(guard(log, 'didChange', undefined, (e) => scheduler.schedule(e.document.uri)));
  documents.onDidClose(
    guard(log, 'didClose', undefined, (e) => {
      scheduler.cancel(e.document.uri);
      checked.delete(e.document.uri);
      editorSettings.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      // Give a large document's memory back now, once the close has been handled and nothing holds it.
      if (e.document.getText().length >= LARGE_DOCUMENT) setTimeout(collectGarbage, 0);
    }),
  );

  // "Show documentation for CODE": the rule's page on the web, in the client's browser.
  connection.onExecuteCommand(guard(log, 'executeCommand', undefined, async ({ command, arguments: args }) => {
    if (command !== SHOW_RULE_DOCS) return;
    const code = typeof args?.[0] === 'string' ? args[0] : '';
    const url = allRules().some((r) => r.code === code) ? ruleDocsUrl(code) : undefined;
    if (!url) return;
    if (showsDocuments) await connection.window.showDocument({ uri: url, external: true });
    else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `${code}: ${url}` });
  }));

  connection.onCodeAction(guard(log, 'codeAction', [], async (params) => {
    const state = await current(params.textDocument.uri);
    if (!state) return [];
    return codeActions(params, {
      uri: params.textDocument.uri,
      text: state.text,
      result: state.result,
      checker: fixChecker(state.language, lintOptions(state.settings, state.language, params.textDocument.uri)),
    });
  }));

  connection.onCompletion(guard(log, 'completion', null, async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc || languageOfDocument(doc) !== 'dockerfile' || oversized(doc.getText())) return null;
    const settings = await documentSettings(doc.uri);
    const text = doc.getText();
    const ours = settings && imageCompletions(text, position, catalogFor(settings.profile, settings.lock));
    if (ours) return ours;
    return features.isEnabled ? features.service.computeCompletionItems(text, position) : null;
  }));

  connection.onHover(guard(log, 'hover', null, async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc || languageOfDocument(doc) !== 'dockerfile' || oversized(doc.getText())) return null;
    const settings = await documentSettings(doc.uri);
    const text = doc.getText();
    const ours = settings && imageHover(text, position, catalogFor(settings.profile, settings.lock), settings.buildArgs);
    if (ours) return ours;
    return features.isEnabled ? features.service.computeHover(text, position) : null;
  }));

  connection.onRequest(CheckFilesRequest, guard(log, 'checkFiles', { checked: 0, findings: 0 }, async ({ uris }, token): Promise<CheckFilesResult> => {
    let checkedCount = 0;
    let findings = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      const path = filePath(uri);
      const language = languageOf(path ?? uri);
      const open = documents.get(uri);
      if (!language || (!open && !path)) continue;
      let text: string;
      try {
        // Only regular files, at most SOURCE_LIMIT bytes: a workspace may hold a FIFO or a link to /dev/zero.
        text = open ? open.getText() : stripBom(readBounded(path!, SOURCE_LIMIT).toString('utf8'));
      } catch (e) {
        connection.console.warn(`cannot read ${uri}: ${(e as Error).message}`);
        continue;
      }
      if (oversized(text)) continue;
      const settings = await documentSettings(uri);
      if (!settings) continue;
      const result = await lintText(text, language, settings, uri);
      void connection.sendDiagnostics({ uri, version: open?.version, diagnostics: result.findings.map(toDiagnostic) });
      checkedCount++;
      findings += result.findings.length;
    }
    return { checked: checkedCount, findings };
  }));

  function readEnvironment(raw: Partial<EditorEnvironment> | undefined): EditorEnvironment {
    return { trusted: raw?.trusted !== false, allowOutsideProfile: raw?.allowOutsideProfile === true };
  }

  connection.onRequest(ProfileRequest, guard(log, 'profile', null, async ({ uri }): Promise<ProfileInfo | ProfileUnavailable | null> => {
    const target = uri ?? folders[0]?.uri ?? '';
    const resolved = settingsCache.resolve(target, await settingsFor(target));
    showProblems(resolved.problems);
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
      origin: source.kind === 'option' ? { kind: 'setting' } : source.kind === 'config' ? { kind: 'config', file: source.file, override: source.override, extended: source.extended } : { kind: 'default' },
      restricted: source.kind === 'default' && source.restricted ? source.restricted : undefined,
      config,
      configErrors,
      excluded: resolved.excluded,
    };
  }));

  connection.onRequest(SyncCatalogRequest, async ({ uri }): Promise<SyncCatalogResult> => {
    const target = uri ?? folders[0]?.uri ?? '';
    const resolved = settingsCache.resolve(target, await settingsFor(target));
    if (!resolved.ok) return { ok: false, error: resolved.problems.map(settingMessage).join('; ') };
    const result = await syncForEditor(connection, resolved.settings);
    // The lock changed under every document that uses it.
    if (result.ok) void recheckAll();
    return result;
  });

  documents.listen(connection);
  connection.listen();
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
