// The VS Code face of container-standards: starts the language server and gives it the settings.
// Everything it checks, fixes and completes comes from the server (server/src/lsp).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { DOCKERFILE_GLOB } from './files';
import { ProfileStatus } from './status';

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
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.container-standards.json,*profile*.json}'),
    },
    outputChannelName: 'Container Standards',
  };
  client = new LanguageClient('containerStandards', 'Container Standards', serverOptions, clientOptions);
  await client.start();

  const status = new ProfileStatus(client);
  context.subscriptions.push(status, ...registerCommands(context, client, () => status.refresh()));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
