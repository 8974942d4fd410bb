import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKED_GLOB, SKIPPED_GLOB } from './files';
import { isUnavailable, originText } from './status';
import { orderTemplates, SNIPPET_PREFIX } from './templates';
import {
  CheckFilesRequest,
  ProfileRequest,
  SyncCatalogRequest,
  SyncProgressNotification,
  type ProfileInfo,
  type SyncCatalogResult,
} from '../../server/src/lsp/protocol';

const BATCH = 50;

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, profileChanged: () => void): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('containerStandards.newDockerfile', (args?: NewDockerfileArgs) => newDockerfile(context, client, args)),
    vscode.commands.registerCommand('containerStandards.checkWorkspace', () => checkWorkspace(client)),
    vscode.commands.registerCommand('containerStandards.showProfile', () => showProfile(client)),
    vscode.commands.registerCommand('containerStandards.syncCatalog', async () => {
      const result = await syncCatalog(client, false);
      profileChanged();
      return result;
    }),
    vscode.commands.registerCommand('containerStandards.selectProfile', async () => {
      if (await selectProfile(client)) profileChanged();
    }),
  ];
}

/**
 * Offers the contributed Dockerfile templates (the active profile's first), asks where to save it
 * (default: `Dockerfile` in the active editor's workspace folder), and fills the new file in.
 */
async function newDockerfile(context: vscode.ExtensionContext, client: LanguageClient, args: NewDockerfileArgs = {}): Promise<vscode.Uri | undefined> {
  const snippets = JSON.parse(readFileSync(context.asAbsolutePath(path.join('snippets', 'dockerfile.json')), 'utf8')) as Record<string, Snippet>;
  const folder = activeFolder();
  const answer = await client.sendRequest(ProfileRequest, { uri: folder?.uri.toString() }).catch(() => null);
  const profile = answer && !isUnavailable(answer) ? answer : undefined;
  // `gen3-dockerfile` still names `cs-gen3-dockerfile`, for keybindings written before the prefix.
  const given = Object.values(snippets).find((s) => s.prefix === args.template || s.prefix === `${SNIPPET_PREFIX}${args.template}`);
  const picked = given
    ? { snippet: given }
    : await vscode.window.showQuickPick(
        orderTemplates(Object.values(snippets), profile?.id).map((s) => ({ label: s.description, detail: s.prefix, snippet: s })),
        {
          placeHolder: profile ? `Which kind of Dockerfile? (${profile.id} templates first)` : 'Which kind of Dockerfile?',
          matchOnDetail: true,
        },
      );
  if (!picked) return;
  const defaultUri = folder ? vscode.Uri.joinPath(folder.uri, 'Dockerfile') : undefined;
  const target = args.target
    ? vscode.Uri.parse(args.target)
    : await vscode.window.showSaveDialog({ defaultUri, saveLabel: 'Create Dockerfile', title: 'New Dockerfile from Template' });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new Uint8Array());
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body.join('\n')), new vscode.Range(0, 0, doc.lineCount, 0));
  return target;
}

/** For keybindings and tests: a template prefix and a file URI skip the picker and the save dialog. */
interface NewDockerfileArgs {
  template?: string;
  target?: string;
}

/** The workspace folder of the active editor, else the first one. */
function activeFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
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
      void vscode.window.showInformationMessage(
        `Container Standards: tag catalog synced (${summary}); ${path.basename(result.path)} ${result.changed ? 'updated' : 'unchanged'}.`,
      );
    }
  }
  return result;
}

/**
 * Shows the active profile and where it comes from in a notification (not a modal: nothing waits on
 * it), with "Open Configuration" (the config file, or the setting that chose the profile). Returns what
 * it shows, without waiting for a choice.
 */
async function showProfile(client: LanguageClient): Promise<{ message: string; actions: string[] } | undefined> {
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const profile = await client.sendRequest(ProfileRequest, { uri: uri?.toString() });
  if (!profile || isUnavailable(profile)) {
    void vscode.window.showWarningMessage(
      profile
        ? `Container Standards: ${vscode.workspace.asRelativePath(profile.unavailable.file)} has errors (see Problems).`
        : 'Container Standards: the configured profile could not be loaded; see the error notification.',
    );
    return undefined;
  }
  const message = `Container Standards: ${profile.title} (${profile.id}), from ${originText(profile)}. Runs as ${profile.user}; approved: ${profile.repositories.join(', ')}.`;
  const open = 'Open Configuration';
  const change = 'Switch Profile…';
  void vscode.window.showInformationMessage(message, open, change).then(async (choice) => {
    if (choice === open) await openConfiguration(profile);
    else if (choice === change) await vscode.commands.executeCommand('containerStandards.selectProfile');
  });
  return { message, actions: [open, change] };
}

/** The file that chose the profile: the config (or the one that applies), else the profile setting. */
async function openConfiguration(profile: ProfileInfo): Promise<void> {
  const file = profile.origin.kind === 'config' ? profile.origin.file : profile.origin.kind === 'default' ? profile.config : undefined;
  if (file) {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    return;
  }
  await vscode.commands.executeCommand(
    vscode.workspace.workspaceFolders?.length ? 'workbench.action.openWorkspaceSettings' : 'workbench.action.openSettings',
    'containerStandards.profile',
  );
}

/**
 * The warning before a setting overrides the project's config, as a step of the picker rather than a
 * modal: one keyboard flow, Escape cancels, and (unlike a modal, which VS Code refuses to show in
 * extension tests) the e2e suite can check it.
 */
async function confirmOverride(project: string, value: string, current: string | undefined): Promise<boolean> {
  const items: Array<vscode.QuickPickItem & { override: boolean }> = [
    {
      label: '$(warning) Override in this workspace',
      detail: `The editor checks with ${value}; CI goes on using ${project}, so the two can report different findings.`,
      override: true,
    },
    { label: 'Cancel', detail: `Keep the project's configuration${current ? ` (${current})` : ''}, as CI does.`, override: false },
  ];
  const answer = await vscode.window.showQuickPick(items, {
    title: `${project} chooses the profile for this project, and CI uses it`,
    placeHolder: `A containerStandards.profile setting overrides ${project} in this editor only`,
    ignoreFocusOut: true,
  });
  return answer?.override === true;
}

const USE_PROJECT = "$(discard) Use the project's configuration";
const FROM_FILE = 'Profile file…';

/**
 * The profile picker (also the status bar click): shows the active profile and where it comes from,
 * offers to remove the editor's override, and warns before writing a setting that overrides the
 * project's `.container-standards.json`, which CI uses.
 */
async function selectProfile(client: LanguageClient): Promise<boolean> {
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const info = await client.sendRequest(ProfileRequest, { uri: uri?.toString() });
  const active = info && !isUnavailable(info) ? info : undefined;
  const setting = vscode.workspace.getConfiguration('containerStandards', uri).inspect<string>('profile');
  const overrides = [
    { target: vscode.ConfigurationTarget.WorkspaceFolder, value: setting?.workspaceFolderValue },
    { target: vscode.ConfigurationTarget.Workspace, value: setting?.workspaceValue },
    { target: vscode.ConfigurationTarget.Global, value: setting?.globalValue },
  ].filter((o) => typeof o.value === 'string' && o.value.trim() !== '');
  const project = active?.config ? vscode.workspace.asRelativePath(active.config) : undefined;
  const mark = (id: string) => (active?.id === id && active.source === 'builtin' ? '$(check) ' : '');
  const items: Array<vscode.QuickPickItem & { value?: string }> = [];
  if (overrides.length) {
    items.push({
      label: USE_PROJECT,
      description: project ?? 'built-in default',
      detail: 'Removes the containerStandards.profile setting, so the editor checks as CI does.',
    });
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push(
    { label: `${mark('gen3')}gen3`, value: 'gen3', description: 'Gen3 Python 3.13 image standard' },
    { label: `${mark('defra')}defra`, value: 'defra', description: 'Defra Python parent images' },
    { label: FROM_FILE, description: 'a JSON profile of your own' },
  );
  const placeHolder = active ? `Active: ${active.id}, from ${originText(active)}` : 'Which image standard should apply?';
  const picked = await vscode.window.showQuickPick(items, { placeHolder, title: 'Container Standards profile' });
  if (!picked) return false;
  const config = vscode.workspace.getConfiguration('containerStandards', uri);
  if (picked.label === USE_PROJECT) {
    for (const o of overrides) await config.update('profile', undefined, o.target);
    return true;
  }
  let value = picked.value;
  if (picked.label === FROM_FILE) {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Profile (JSON)': ['json'] }, openLabel: 'Use this profile' });
    if (!files?.length) return false;
    const folder = vscode.workspace.getWorkspaceFolder(files[0]);
    value = folder ? path.relative(folder.uri.fsPath, files[0].fsPath) : files[0].fsPath;
  }
  if (project && !(await confirmOverride(project, value ?? '', active?.id))) return false;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('profile', value, target);
  return true;
}
