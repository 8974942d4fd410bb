// The VS Code face of container-standards: starts the language server and gives it the settings.
// Everything it checks, fixes and completes comes from the server (server/src/lsp).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { decideDockerfileFeatures } from './coexistence';
import { registerCommands, syncCatalog } from './commands';
import { ProfileRequest } from '../../server/src/lsp/protocol';
import { DOCKERFILE_GLOB } from './files';
import { MAX_RESTARTS, RestartPolicy } from './restarts';
import { isUnavailable, ProfileStatus } from './status';
import { EnvironmentNotification } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** The server's command id for "Show documentation for CODE" (server/src/lsp/codeActions.ts). */
const SHOW_RULE_DOCS = 'containerStandards.showRuleDocs';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Dockerfiles that VS Code does not recognise as such (Containerfile, api.Dockerfile …).
      { scheme: 'file', pattern: DOCKERFILE_GLOB },
    ],
    synchronize: {
      // Project settings and profile files: the server re-reads them and checks again.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.container-standards.json,*profile*.json,container-standards.lock.json,.gitignore}'),
    },
    outputChannelName: 'Container Standards',
    errorHandler: restartHandler(),
    // `ruleDocs: 'bundled'`: hover links run containerStandards.showRuleDocs, which opens the page shipped in the extension.
    initializationOptions: { environment: environment(), ruleDocs: 'bundled' },
    // Only that command may run from the server's Markdown (hovers, completion details).
    markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCS] } },
    middleware: {
      // "Show documentation for CODE" opens the page shipped in the extension, offline, in the Markdown preview.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_RULE_DOCS && typeof args[0] === 'string' && /^[A-Z]{2,8}\d{3}$/.test(args[0])) {
          const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${args[0]}.md`)));
          try {
            await vscode.workspace.fs.stat(page);
            return vscode.commands.executeCommand('markdown.showPreview', page);
          } catch {
            // Not bundled (a development build): the server opens the web page instead.
          }
        }
        return next(command, args);
      },
      workspace: {
        // The server reads dockerfileFeatures.enable as a boolean: settle `auto` here, where the installed extensions are known.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((section: unknown, i: number) => (params.items[i]?.section === 'containerStandards' ? withFeaturesDecided(section) : section));
        },
      },
    },
  };
  const started = new LanguageClient('containerStandards', 'Container Standards', serverOptions, clientOptions);
  client = started;
  await started.start();
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  started.outputChannel.appendLine(`Container Standards ${version}: language server started (${module}, Node.js ${process.versions.node}).`);

  // Installing or removing a Docker extension changes the `auto` decision: have the server read its settings again.
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      const enable = featuresDecision().enable;
      if (enable !== lastFeatures) void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );

  const status = new ProfileStatus(started, (line) => started.outputChannel.appendLine(line));
  showStopped = () => {
    started.outputChannel.appendLine(
      `The language server stopped ${MAX_RESTARTS + 1} times within 3 minutes and is not restarted; run "Container Standards: Restart Language Server" to start it.`,
    );
    status.serverStopped(true);
  };
  context.subscriptions.push(
    // The user starts a stopped (or misbehaving) server again: a new count of crashes begins.
    vscode.commands.registerCommand('containerStandards.restartServer', async () => {
      restartPolicy = new RestartPolicy();
      await (started.isRunning() ? started.restart() : started.start());
      status.serverStopped(false);
    }),
  );
  const sendEnvironment = () => void started.sendNotification(EnvironmentNotification, environment());
  context.subscriptions.push(status, ...registerCommands(context, started, () => status.refresh()));
  void autoSync(started, status);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('containerStandards.catalog.autoSync') && void autoSync(started, status)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void autoSync(started, status)),
    vscode.workspace.onDidGrantWorkspaceTrust(sendEnvironment),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('containerStandards.allowOutsideProfile') && sendEnvironment()),
  );
}

/**
 * Trust and the outside-profile permission, which the server cannot read itself. The permission counts
 * from user settings only: a workspace must not grant itself access to files outside it.
 */
function environment(): { trusted: boolean; allowOutsideProfile: boolean } {
  const allow = vscode.workspace.getConfiguration('containerStandards').inspect<boolean>('allowOutsideProfile');
  return { trusted: vscode.workspace.isTrusted, allowOutsideProfile: allow?.globalValue === true };
}

/** Days after which catalog.autoSync reads the registries again. */
const AUTO_SYNC_AFTER_DAYS = 1;

/**
 * With `containerStandards.catalog.autoSync` on (off by default; ignored in untrusted workspaces), syncs
 * the tag catalog when the lock is missing or a day old. Nothing else in the extension uses the network.
 */
async function autoSync(client: LanguageClient, status: ProfileStatus): Promise<void> {
  if (!vscode.workspace.isTrusted || !vscode.workspace.getConfiguration('containerStandards').get<boolean>('catalog.autoSync', false)) return;
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const profile = await client.sendRequest(ProfileRequest, { uri: uri?.toString() });
  if (!profile || isUnavailable(profile) || (profile.lock && profile.lock.ageDays < AUTO_SYNC_AFTER_DAYS)) return;
  await syncCatalog(client, true);
  void status.refresh();
}

/** Where the status bar is told that the server stays stopped (set once the status bar exists). */
let showStopped: () => void = () => {};
let restartPolicy = new RestartPolicy();

/** At most three restarts in three minutes; one notification on the first crash, the status bar when it gives up. */
function restartHandler(): ErrorHandler {
  return {
    // A failed message (e.g. a write to a dying process) is not a crash: `closed` decides about those.
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const verdict = restartPolicy.closed();
      if (verdict.tell) void vscode.window.showWarningMessage(verdict.tell);
      if (verdict.gaveUp) showStopped();
      return { action: verdict.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

let lastFeatures: boolean | undefined;

function featuresDecision() {
  const setting = vscode.workspace.getConfiguration('containerStandards').get('dockerfileFeatures.enable');
  return decideDockerfileFeatures(
    setting,
    vscode.extensions.all.map((e) => e.id),
  );
}

function withFeaturesDecided(section: unknown): unknown {
  if (typeof section !== 'object' || section === null) return section;
  const decision = featuresDecision();
  if (decision.enable !== lastFeatures) client?.outputChannel.appendLine(`General Dockerfile features ${decision.enable ? 'on' : 'off'}: ${decision.reason}.`);
  lastFeatures = decision.enable;
  const features = (section as { dockerfileFeatures?: object }).dockerfileFeatures ?? {};
  return { ...section, dockerfileFeatures: { ...features, enable: decision.enable } };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
