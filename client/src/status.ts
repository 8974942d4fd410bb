import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCKERFILE_GLOB } from './files';
import { describeOrigin, statusLabel } from './profileText';
import { ProfileRequest, SettingsChangedNotification, type ProfileInfo, type ProfileUnavailable } from '../../server/src/lsp/protocol';

/** Where the active profile comes from, in words (the status bar tooltip and the picker). */
export function originText(info: ProfileInfo): string {
  return describeOrigin(info, (file) => vscode.workspace.asRelativePath(file));
}

export function isUnavailable(info: ProfileInfo | ProfileUnavailable | null): info is ProfileUnavailable {
  return info !== null && 'unavailable' in info;
}

/** Shows the active profile and where it comes from while a checked file is in front; a click opens the picker. */
export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('containerStandards.profile', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  private logged = '';
  private stopped = false;

  constructor(
    private readonly client: LanguageClient,
    private readonly log?: (line: string) => void,
  ) {
    this.item.name = 'Container Standards profile';
    this.item.command = 'containerStandards.selectProfile';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('containerStandards') && this.refresh()),
      // The server has read settings, configs and profiles again: what it answers now is current.
      client.onNotification(SettingsChangedNotification, () => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    ];
    void this.refresh();
  }

  /** The server was given up on after repeated crashes (or started again): the item says so on every checked file. */
  serverStopped(stopped: boolean): void {
    this.stopped = stopped;
    this.item.command = stopped ? 'containerStandards.restartServer' : 'containerStandards.selectProfile';
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (this.stopped) return this.showStopped(doc);
    if (!doc || !isChecked(doc)) {
      this.item.hide();
      return;
    }
    const info = await this.client.sendRequest(ProfileRequest, { uri: doc.uri.toString() });
    this.item.backgroundColor = undefined;
    if (!info) {
      this.item.text = '$(shield) no profile';
      this.item.tooltip = 'Container Standards: the profile setting could not be loaded (see the notification). Click to choose one.';
      this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    } else if (isUnavailable(info)) {
      this.item.text = '$(error) config';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.tooltip = `Container Standards: ${path.basename(info.unavailable.file)} has ${info.unavailable.errors} error(s) (see Problems); files under it are not checked until it is fixed.`;
      this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
      this.logOnce(
        `Profile unavailable for ${vscode.workspace.asRelativePath(doc.uri)}: ${vscode.workspace.asRelativePath(info.unavailable.file)} has ${info.unavailable.errors} error(s).`,
      );
    } else {
      const restricted = info.restricted ? ' $(workspace-untrusted)' : '';
      const broken = info.configErrors ? ' $(warning)' : '';
      this.item.text = `$(shield) ${info.id}${restricted}${broken}${info.excluded ? ' (excluded)' : ''}`;
      const lines = [
        `**${info.title}** (${info.id})`,
        `From: ${originText(info)}.`,
        info.restricted ? 'Restricted mode: a project config may choose only built-in profiles until you trust the workspace.' : '',
        info.configErrors ? `The config has ${info.configErrors} error(s) (see Problems): checking uses its last good version.` : '',
        info.excluded ? `This file is not checked: ${info.excluded === 'gitignore' ? '.gitignore lists it' : 'the config\'s "exclude" lists it'}.` : '',
        `Runs as \`${info.user}\`; approved: ${info.repositories.map((r) => `\`${r}\``).join(', ')}.`,
        info.lock
          ? `Tag catalog synced ${age(info.lock.ageDays)} (${info.lock.syncedAt}).`
          : 'No tag catalog lock: tags are checked against the profile only. Run *Container Standards: Sync Tag Catalog* to read the registries.',
        'Click to choose the profile.',
      ];
      this.item.tooltip = new vscode.MarkdownString(lines.filter(Boolean).join('\n\n'));
      // Screen readers read this instead of the tooltip's Markdown source.
      this.item.accessibilityInformation = { label: statusLabel(info, (file) => vscode.workspace.asRelativePath(file)), role: 'button' };
      this.logOnce(`Profile ${info.id} (${info.title}) for ${vscode.workspace.asRelativePath(doc.uri)}, from ${originText(info)}.`);
    }
    this.item.show();
  }

  private showStopped(doc: vscode.TextDocument | undefined): void {
    if (!doc || !isChecked(doc)) return this.item.hide();
    this.item.text = '$(error) server stopped';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.tooltip = 'Container Standards: the language server stopped repeatedly and is not restarted, so files are not checked. Click to start it again.';
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.show();
  }

  /** Logs the profile and where it comes from when that changes, not on every editor switch. */
  private logOnce(line: string): void {
    const key = line.replace(/ for .*?, from /, ', from ');
    if (key === this.logged) return;
    this.logged = key;
    this.log?.(line);
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function age(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

export function isChecked(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'dockerfile' || doc.languageId === 'python') return true;
  return vscode.languages.match({ pattern: DOCKERFILE_GLOB }, doc) > 0;
}
