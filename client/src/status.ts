import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCKERFILE_GLOB } from './files';
import { ProfileRequest } from '../../server/src/lsp/protocol';

/** Shows the active profile while a Dockerfile or Python file is in front; a click switches it. */
export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('containerStandards.profile', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Container Standards profile';
    this.item.command = 'containerStandards.selectProfile';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('containerStandards') && this.refresh()),
    ];
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isChecked(doc)) {
      this.item.hide();
      return;
    }
    const profile = await this.client.sendRequest(ProfileRequest, { uri: doc.uri.toString() });
    if (!profile) {
      this.item.text = '$(shield) no profile';
      this.item.tooltip = 'Container Standards: the profile could not be loaded (see the notification). Click to choose one.';
    } else {
      this.item.text = `$(shield) ${profile.id}`;
      const lock = profile.lock
        ? `Tag catalog synced ${age(profile.lock.ageDays)} (${profile.lock.syncedAt}).`
        : 'No tag catalog lock: tags are checked against the profile only. Run *Container Standards: Sync Tag Catalog* to read the registries.';
      this.item.tooltip = new vscode.MarkdownString(`**${profile.title}**\n\nRuns as \`${profile.user}\`; approved: ${profile.repositories.map((r) => `\`${r}\``).join(', ')}.\n\n${lock}\n\nClick to switch the profile.`);
    }
    this.item.show();
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
