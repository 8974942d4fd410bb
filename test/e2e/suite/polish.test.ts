// Issue 10's editor polish, in a real VS Code: hover links to the bundled rule page, no signature help
// over image completions, the recommended tag preselected, "Disable CODE for this file" in Python,
// Show Active Profile as a notification with "Open Configuration", and the output channel's log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  log,
  openInEditor,
  ourDiagnostics,
  sleep,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
  writeWorkspaceFile,
} from './helpers';

const BASE = 'quay.io/cdis/amazonlinux-base';

function markdownOf(hovers: vscode.Hover[]): vscode.MarkdownString[] {
  return hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && !('language' in c));
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

/** Files under `dir` (recursively) whose name contains `part`. */
function findFiles(dir: string, part: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.includes(part))
    .map((e) => path.join(e.parentPath, e.name));
}

suite('Polish', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(closeAllEditors);

  test('the hover over a wrong FROM links to the bundled rule page and does not repeat the message', async () => {
    const uri = await writeWorkspaceFile('hover-link/Dockerfile', 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n');
    await openInEditor(uri, 'dockerfile');
    const diagnostic = await waitForDiagnostic(uri, 'IMG001');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 7));
    const ours = markdownOf(hovers ?? []).find((m) => m.value.includes('IMG001'));
    assert.ok(ours, `hovers: ${JSON.stringify(hovers)}`);
    const link = /\[Show documentation\]\((command:containerStandards\.showRuleDocs\?[^)]+)\)/.exec(ours.value);
    assert.ok(link, ours.value);
    assert.ok(!ours.value.includes(diagnostic.message) && !ours.value.includes('not an approved'), ours.value);
    const trusted = ours.isTrusted;
    assert.ok(
      trusted === true || (typeof trusted === 'object' && trusted.enabledCommands.includes('containerStandards.showRuleDocs')),
      `isTrusted: ${JSON.stringify(trusted)}`,
    );

    // What clicking the link does: VS Code runs the command with the link's arguments.
    const target = vscode.Uri.parse(link[1]);
    const args = JSON.parse(decodeURIComponent(target.query)) as unknown[];
    await vscode.commands.executeCommand(target.path, ...args);
    await waitFor('a Markdown preview of IMG001.md', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /IMG001\.md/.test(t.label) && /preview/i.test(t.label)),
    );
  });

  test('signature help stays closed where the image and tag completions open; the recommended tag is preselected', async () => {
    const uri = await writeWorkspaceFile('signature/Dockerfile', `FROM \nFROM ${BASE}:\nRUN --mount=type=cache \n`);
    await openInEditor(uri, 'dockerfile');
    await sleep(500);
    for (const position of [new vscode.Position(0, 5), new vscode.Position(1, `FROM ${BASE}:`.length)]) {
      const items = await waitFor(`completions at ${position.line}:${position.character}`, async () => {
        const all = await completions(uri, position);
        return all.some((i) => i.kind === vscode.CompletionItemKind.Module || i.kind === vscode.CompletionItemKind.Value) ? all : undefined;
      });
      const help = await vscode.commands.executeCommand<vscode.SignatureHelp | undefined>('vscode.executeSignatureHelpProvider', uri, position, ' ');
      assert.ok(
        !help || help.signatures.length === 0,
        `signature help at ${position.line}:${position.character}: ${help?.signatures.map((s) => s.label).join(', ')}`,
      );
      if (position.line === 1) {
        const preselected = items.filter((i) => i.preselect).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.deepStrictEqual(preselected, ['3.13-pythonbase'], 'the gen3 profile recommends 3.13-pythonbase, not hardened');
      }
    }
    const run = await vscode.commands.executeCommand<vscode.SignatureHelp | undefined>(
      'vscode.executeSignatureHelpProvider',
      uri,
      new vscode.Position(2, 12),
      ' ',
    );
    assert.ok(run && run.signatures.length > 0, 'RUN --mount keeps its signature help');
  });

  test('"Disable FIPS001 for this file" in a Python file writes the ignore-file comment and the finding goes', async () => {
    const uri = await writeWorkspaceFile('python-file-wide/app.py', '#!/usr/bin/env python3\nimport hashlib\nx = hashlib.md5(b"x")\n');
    const editor = await openInEditor(uri, 'python');
    const diagnostic = await waitForDiagnostic(uri, 'FIPS001');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const disable = actions.find((a) => a.title === 'Disable FIPS001 for this file');
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.strictEqual(editor.document.getText(), '#!/usr/bin/env python3\n# container-standards ignore-file=FIPS001\nimport hashlib\nx = hashlib.md5(b"x")\n');
    await waitForNoDiagnostic(uri, 'FIPS001');
    assert.deepStrictEqual(ourDiagnostics(uri), []);
  });

  test('Show Active Profile is a notification naming the config, and "Open Configuration" opens it', async () => {
    const config = await writeWorkspaceFile('profile-source/.container-standards.json', '{ "profile": "defra" }\n');
    const uri = await writeWorkspaceFile('profile-source/Dockerfile', 'FROM defradigital/python:2.0.1-python3.13.9\n');
    await openInEditor(uri, 'dockerfile');
    await sleep(500);
    // A modal would keep the command from returning until it is dismissed: this returns at once.
    const shown = await waitFor('Show Active Profile to name the config', async () => {
      const r = await vscode.commands.executeCommand<{ message: string; actions: string[] } | undefined>('containerStandards.showProfile');
      return r && /\(defra\)/.test(r.message) ? r : undefined;
    });
    assert.match(shown.message, /from scratch\/profile-source\/\.container-standards\.json/);
    assert.deepStrictEqual(shown.actions, ['Open Configuration', 'Switch Profile…']);

    // Press the notification's first button as a keyboard user would.
    await vscode.commands.executeCommand('notifications.focusFirstToast');
    await sleep(300);
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor(
      'the config file in front',
      () => vscode.window.activeTextEditor?.document.uri.fsPath === config.fsPath,
      10_000,
      200,
      () => String(vscode.window.activeTextEditor?.document.uri.fsPath),
    );
  });

  test('the output channel logs the version, the server start, and the profile with the config that chose it', async () => {
    await writeWorkspaceFile('log-source/.container-standards.json', '{ "profile": "defra" }\n');
    const uri = await writeWorkspaceFile('log-source/Dockerfile', 'FROM defradigital/python:2.0.1-python3.13.9\n');
    await openInEditor(uri, 'dockerfile');
    // VS Code writes each output channel to a file in the logs folder of the user data directory.
    const results = process.env.CS_E2E_RESULTS_DIR;
    assert.ok(results, 'CS_E2E_RESULTS_DIR is set by the launcher');
    const roots = [path.join(path.dirname(results), 'user-data', 'logs'), path.join(path.dirname(results), 'user-data')];
    const text = await waitFor(
      'the Container Standards output channel to name the config',
      () => {
        const files = roots.flatMap((r) => findFiles(r, 'Container Standards'));
        const all = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        return /Profile defra .*from scratch\/log-source\/\.container-standards\.json/.test(all) ? all : undefined;
      },
      20_000,
      500,
      () =>
        roots
          .flatMap((r) => findFiles(r, '.log'))
          .join(', ')
          .slice(0, 2000),
    );
    log(
      text
        .split('\n')
        .filter((l) => /Container Standards \d|language server started|Profile /.test(l))
        .join('\n'),
    );
    assert.match(text, /Container Standards \d+\.\d+\.\d+: language server started/);
  });
});
