// The VS Code face of container-standards: starts the language server and gives it the settings.
// Everything it checks, fixes and completes comes from the server (server/src/lsp).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands, syncCatalog } from './commands';
import { ProfileRequest } from '../../server/src/lsp/protocol';
import { DOCKERFILE_GLOB } from './files';
import { RestartPolicy } from './restarts';
import { isUnavailable, ProfileStatus } from './status';
import { EnvironmentNotification } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

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
    initializationOptions: { environment: environment() },
  };
  const started = new LanguageClient('containerStandards', 'Container Standards', serverOptions, clientOptions);
  client = started;
  await started.start();

  const status = new ProfileStatus(started);
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

/** At most three restarts in three minutes, and one notification each for restarting and giving up. */
function restartHandler(): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    // A failed message (e.g. a write to a dying process) is not a crash: `closed` decides about those.
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const verdict = policy.closed();
      if (verdict.tell) void (verdict.restart ? vscode.window.showWarningMessage(verdict.tell) : vscode.window.showErrorMessage(verdict.tell));
      return { action: verdict.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
