import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DidChangeConfigurationNotification, TextDocuments, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogFor } from '../engine';
import { TOOL_NAME, TOOL_VERSION } from '../product';
import { imageCompletions } from './assist';
import type { Feature, ServerContext } from './context';
import { DockerfileFeatures } from './dockerfileFeatures';
import { DocumentChecks } from './documentChecks';
import { EditorState } from './editorState';
import { codeActions } from './features/codeActions';
import { completionHover } from './features/completionHover';
import { diagnostics } from './features/diagnostics';
import { profile } from './features/profile';
import { workspaceCheck } from './features/workspaceCheck';
import { guard, keepAlive } from './guard';
import { inProcess, type Linter } from './linter';
import { WorkerLinter } from './workerLinter';
import { SettingsChangedNotification } from './protocol';
import { SECTION } from './settings';

/** Each feature in its own file under features/; they share the editor's state and the document checks. */
const FEATURES: Feature[] = [diagnostics, codeActions, completionHover, workspaceCheck, profile];

/** The language server: adapts the engine to LSP. Everything it knows about the standard comes from the engine. */
export function startServer(connection: Connection, linter: Linter = defaultLinter()): void {
  const log = (message: string) => connection.console.error(message);
  keepAlive(log);
  const documents = new TextDocuments(TextDocument);
  const state = new EditorState(connection);
  const ctx: ServerContext = {
    connection,
    documents,
    state,
    checks: new DocumentChecks(connection, documents, state, linter),
    log,
    client: {},
    dockerfile: undefined as unknown as DockerfileFeatures, // set in onInitialize, before any request
    recheckAll: async (changed = []) => {
      await state.reset(changed);
      void connection.sendNotification(SettingsChangedNotification);
      ctx.checks.recheckAll();
      await refreshDockerfileFeatures();
    },
  };

  async function refreshDockerfileFeatures(): Promise<void> {
    const settings = await state.settingsFor(state.folders[0]?.uri ?? '');
    await ctx.dockerfile.enable(settings.dockerfileFeatures.enable);
  }

  const capabilities = FEATURES.map((register) => register(ctx));
  connection.onInitialize((params): InitializeResult => {
    state.initialize(params);
    ctx.client = params.capabilities;
    // FROM's signature help stays closed where our image and tag completions open.
    ctx.dockerfile = new DockerfileFeatures(connection, documents, params.capabilities, async (uri, text, position) => {
      const settings = await state.documentSettings(uri);
      return !!settings && imageCompletions(text, position, catalogFor(settings.profile, settings.lock)) !== undefined;
    });
    return {
      capabilities: Object.assign(
        { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } },
        ...capabilities,
        ctx.dockerfile.staticCapabilities(),
      ),
      serverInfo: { name: TOOL_NAME, version: TOOL_VERSION },
    };
  });
  connection.onInitialized(
    guard(log, 'initialized', undefined, () => {
      void refreshDockerfileFeatures();
      linter.warm?.();
      if (state.pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
      // vscode-languageserver throws when subscribing to events the client never sends.
      if (ctx.client.workspace?.workspaceFolders !== true) return;
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        state.folders = [...state.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
        void ctx.recheckAll();
      });
    }),
  );
  connection.onShutdown(() => linter.end?.());
  documents.listen(connection);
  connection.listen();
}

/** The engine in worker threads (see workerLinter.ts); in this thread when the worker's script is not beside this one. */
function defaultLinter(): Linter {
  return existsSync(join(__dirname, 'engineWorker.js')) ? new WorkerLinter() : inProcess;
}
