// The commands a user runs from the palette: a new Dockerfile from a template, the profile picker, and
// "Show documentation for CODE" from the quick-fix menu.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  openInEditor,
  settledDiagnostics,
  sleep,
  waitFor,
  waitForDiagnostic,
  workspaceRoot,
  writeWorkspaceFile,
  REPO_ROOT,
  SCRATCH,
} from './helpers';
import { ui, uiAvailable } from './ui';

suite('Commands', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(closeAllEditors);

  test('New Dockerfile from Template writes the template into the file it is given, and it checks clean', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), SCRATCH, 'template', 'Dockerfile');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    const created = await vscode.commands.executeCommand<vscode.Uri>('containerStandards.newDockerfile', {
      template: 'gen3-dockerfile',
      target: target.toString(),
    });
    assert.strictEqual(created?.toString(), target.toString());
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === target.toString(), 'the new file is in front');
    assert.match(editor.document.getText(), /^FROM quay\.io\/cdis\//m);
    assert.strictEqual(editor.document.languageId, 'dockerfile');
    await editor.document.save();
    const diagnostics = await settledDiagnostics(target);
    assert.deepStrictEqual(
      diagnostics.map((d) => d.message),
      [],
      'the Gen3 template follows the Gen3 standard',
    );
  });

  test('Select Profile… writes the picked profile to the workspace settings', async () => {
    const config = () => vscode.workspace.getConfiguration('containerStandards');
    await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    try {
      const done = vscode.commands.executeCommand('containerStandards.selectProfile');
      await sleep(1_000); // the quick pick opens: gen3, defra, Profile file…
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await sleep(300);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      await waitFor('the profile setting', () => config().inspect<string>('profile')?.workspaceValue === 'defra', 10_000);
    } finally {
      await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('"Show documentation for CODE" is a quick fix that opens the bundled rule page in the Markdown preview', async () => {
    const uri = await writeWorkspaceFile('docs-action/Dockerfile', 'FROM python:3.13-slim\nUSER gen3\n');
    await openInEditor(uri, 'dockerfile');
    const diagnostic = await waitForDiagnostic(uri, 'IMG001');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable IMG001 for this file'), titles.join(' | '));
    const show = actions.find((a) => a.title === 'Show documentation for IMG001');
    assert.ok(show?.command, titles.join(' | '));
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    const tab = await waitFor('a Markdown preview of IMG001.md', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /IMG001\.md/.test(t.label) && /preview/i.test(t.label)),
    );
    assert.ok(tab);
    if (uiAvailable()) {
      // The preview renders the page that ships with the extension (offline): its title and first section.
      const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', 'IMG001.md'), 'utf8');
      const title = /^# (.+)$/m.exec(page)?.[1] ?? '';
      const shown = await ui.frameText(title);
      assert.match(shown, /What it checks/, shown.slice(0, 300));
    }
  });
});
