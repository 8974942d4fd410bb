import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKED_GLOB, SKIPPED_GLOB } from './files';
import { CheckFilesRequest, ProfileRequest, SyncCatalogRequest, SyncProgressNotification, type SyncCatalogResult } from '../../server/src/lsp/protocol';

const BATCH = 50;

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, profileChanged: () => void): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('containerStandards.newDockerfile', () => newDockerfile(context)),
    vscode.commands.registerCommand('containerStandards.checkWorkspace', () => checkWorkspace(client)),
    vscode.commands.registerCommand('containerStandards.showProfile', () => showProfile(client)),
    vscode.commands.registerCommand('containerStandards.syncCatalog', async () => {
      const result = await syncCatalog(client, false);
      profileChanged();
      return result;
    }),
    vscode.commands.registerCommand('containerStandards.selectProfile', async () => {
      if (await selectProfile()) profileChanged();
    }),
  ];
}

/** Offers the contributed Dockerfile snippets by description and opens the chosen one as a new file. */
async function newDockerfile(context: vscode.ExtensionContext): Promise<void> {
  const snippets = JSON.parse(readFileSync(context.asAbsolutePath(path.join('snippets', 'dockerfile.json')), 'utf8')) as Record<string, Snippet>;
  const picked = await vscode.window.showQuickPick(
    Object.values(snippets).map((s) => ({ label: s.description, detail: s.prefix, snippet: s })),
    { placeHolder: 'Which kind of Dockerfile?', matchOnDetail: true },
  );
  if (!picked) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body.join('\n')));
}

/** Checks every Dockerfile and Python file, so the Problems panel shows the whole workspace. */
async function checkWorkspace(client: LanguageClient): Promise<{ checked: number; findings: number; cancelled: boolean }> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Container Standards', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding Dockerfiles and Python files…' });
      const files = await vscode.workspace.findFiles(CHECKED_GLOB, SKIPPED_GLOB, undefined, token);
      let checked = 0;
      let findings = 0;
      for (let i = 0; i < files.length && !token.isCancellationRequested; i += BATCH) {
        const batch = files.slice(i, i + BATCH);
        const r = await client.sendRequest(CheckFilesRequest, { uris: batch.map((u) => u.toString()) }, token);
        checked += r.checked;
        findings += r.findings;
        progress.report({ message: `${checked} of ${files.length} files checked`, increment: (100 * batch.length) / files.length });
      }
      return { checked, findings, cancelled: token.isCancellationRequested };
    },
  );
  const summary = `Container Standards: ${result.cancelled ? 'stopped after ' : ''}${result.checked} file${result.checked === 1 ? '' : 's'} checked, ${result.findings} finding${result.findings === 1 ? '' : 's'}.`;
  const open = 'Open Problems';
  // Not awaited: the command is done when the files are checked, not when the message is dismissed.
  void vscode.window.showInformationMessage(summary, ...(result.findings ? [open] : [])).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

/**
 * Runs the tag catalog sync in the language server, the only time the extension reaches the network.
 * `quiet` (for catalog.autoSync) shows progress in the status bar and speaks only on failure.
 */
export async function syncCatalog(client: LanguageClient, quiet: boolean): Promise<SyncCatalogResult> {
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const result = await vscode.window.withProgress(
    { location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: 'Container Standards: syncing the tag catalog' },
    async (progress) => {
      progress.report({ message: 'reading the registries…' });
      const listener = client.onNotification(SyncProgressNotification, (p) => progress.report({ message: p.message, increment: p.increment }));
      try {
        return await client.sendRequest(SyncCatalogRequest, { uri: uri?.toString() });
      } finally {
        listener.dispose();
      }
    },
  );
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Container Standards: tag catalog sync failed: ${result.error}`);
  } else {
    for (const w of result.warnings) void vscode.window.showWarningMessage(`Container Standards: ${w}`);
    if (!quiet) {
      const summary = `${result.repositories} repositor${result.repositories === 1 ? 'y' : 'ies'}, ${result.tags} published tags`;
      void vscode.window.showInformationMessage(`Container Standards: tag catalog synced (${summary}); ${path.basename(result.path)} ${result.changed ? 'updated' : 'unchanged'}.`);
    }
  }
  return result;
}

async function showProfile(client: LanguageClient): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const profile = await client.sendRequest(ProfileRequest, { uri: uri?.toString() });
  if (!profile) {
    void vscode.window.showWarningMessage('Container Standards: the configured profile could not be loaded; see the error notification.');
    return;
  }
  const detail = [
    profile.documentation ?? '',
    `Approved repositories: ${profile.repositories.join(', ')}`,
    `Runtime user: ${profile.user}`,
    `Source: ${profile.source === 'builtin' ? 'built in' : 'profile file'}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const change = 'Switch profile…';
  const choice = await vscode.window.showInformationMessage(`${profile.title} (${profile.id})`, { modal: true, detail }, change);
  if (choice === change) await vscode.commands.executeCommand('containerStandards.selectProfile');
}

/** Writes `containerStandards.profile` for the workspace (or the user when no folder is open). */
async function selectProfile(): Promise<boolean> {
  const fromFile = 'Profile file…';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'gen3', description: 'Gen3 Python 3.13 image standard' },
      { label: 'defra', description: 'Defra Python parent images' },
      { label: fromFile, description: 'a JSON profile of your own' },
    ],
    { placeHolder: 'Which image standard should apply?' },
  );
  if (!picked) return false;
  let value = picked.label;
  if (value === fromFile) {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Profile (JSON)': ['json'] }, openLabel: 'Use this profile' });
    if (!files?.length) return false;
    const folder = vscode.workspace.getWorkspaceFolder(files[0]);
    value = folder ? path.relative(folder.uri.fsPath, files[0].fsPath) : files[0].fsPath;
  }
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('containerStandards').update('profile', value, target);
  return true;
}
