// The README's pictures, taken in this real VS Code by `npm run demo` (run.mjs --shots): the wrong-FROM
// quick fix, tag completion with the lineage in the details pane, the MD5 quick fix, and the frames of
// the fix-flow GIF. In a plain `npm run test:e2e` the same steps run as tests and no file is written, so
// a picture can only show what these assertions saw on screen.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openInEditor, sleep, waitFor, waitForDiagnostic, waitForNoDiagnostic, workspaceRoot } from './helpers';
import { sel, ui, uiAvailable } from './ui';

const APPROVED = 'quay.io/cdis/amazonlinux-base';

const DOCKERFILE = `FROM python:3.13-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER gen3
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

const CHECKSUMS = `import hashlib


def file_checksum(path: str) -> str:
    """Checksum that spots changed uploads; not a security control."""
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()
`;

/** Files of the demo live in a folder of their own, so the pictures show a plausible project. */
async function writeDemoFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'payments', ...relativePath.split('/'));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return uri;
}

/** Opens `uri` with the cursor on `diagnostic`, the explorer showing it, and nothing else in the way. */
async function present(uri: vscode.Uri, languageId: string, at: vscode.Position): Promise<vscode.TextEditor> {
  const editor = await openInEditor(uri, languageId);
  await Promise.resolve(vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders')).catch(() => undefined);
  await Promise.resolve(vscode.commands.executeCommand('revealInExplorer', uri)).catch(() => undefined);
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  await ui.mouseAway();
  return editor;
}

/** Opens the quick-fix menu at the cursor and returns its rows once `wanted` is among them and focused. */
async function openQuickFixMenu(wanted: string): Promise<string[]> {
  await vscode.commands.executeCommand('editor.action.quickFix');
  await ui.query(sel.actionWidgetRow, { hasText: wanted, timeoutMs: 15_000 });
  const [focused] = await ui.query(`${sel.actionWidgetRow}.focused`);
  assert.ok(focused.text.includes(wanted), `the menu opens on "${wanted}", not on "${focused.text}"`);
  await sleep(300); // the menu's fade-in
  return (await ui.query(sel.actionWidgetRow)).map((r) => r.text.trim());
}

suite('Demo', function () {
  suiteSetup(async function () {
    if (!uiAvailable()) this.skip(); // pictures need the launcher's browser (run.mjs)
    this.timeout(60_000);
    await activateExtension();
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  teardown(closeAllEditors);

  test('wrong FROM: the quick-fix menu offers the approved image, and choosing it clears the error', async () => {
    const uri = await writeDemoFile('Dockerfile', DOCKERFILE);
    await openInEditor(uri, 'dockerfile');
    const diagnostic = await waitForDiagnostic(uri, 'IMG001', 30_000);
    const editor = await present(uri, 'dockerfile', diagnostic.range.start);
    await sleep(1_000); // squiggle and lightbulb
    await ui.screenshot('fix-01-wrong-from', 1_800);

    const rows = await openQuickFixMenu(`Use '${APPROVED}:3.13-pythonbase'`);
    assert.ok(
      rows.some((r) => r.includes('Disable IMG001 for this line')),
      rows.join(' | '),
    );
    await ui.screenshot('wrong-from-quickfix');
    await ui.screenshot('fix-02-wrong-from-menu', 2_200);

    await ui.press('Enter'); // the preferred fix, focused when the menu opens
    await ui.gone(sel.actionWidget);
    await waitFor('the FROM line to be fixed', () => editor.document.lineAt(0).text === `FROM ${APPROVED}:3.13-pythonbase`, 10_000);
    await waitForNoDiagnostic(uri, 'IMG001');
    await editor.document.save();
    await ui.mouseAway();
    await sleep(800);
    await ui.screenshot('fix-03-wrong-from-fixed', 2_000);
  });

  test('tag completion after "FROM <approved repository>:" shows each tag\'s lineage in the details pane', async () => {
    const line = `FROM ${APPROVED}:`;
    const uri = await writeDemoFile('worker/Dockerfile', `${line}\nUSER gen3\nCMD ["python", "-m", "worker"]\n`);
    await openInEditor(uri, 'dockerfile');
    await present(uri, 'dockerfile', new vscode.Position(0, line.length));
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const labels = (await ui.query(sel.suggestRow, { hasText: '3.13-pythonbase', timeoutMs: 15_000 })).map((r) => r.text);
    assert.ok(labels.length > 0);
    // The details pane (Ctrl+Space) is remembered per user; open it if this profile has it closed.
    const shown = await ui.query(sel.suggestDetails, { hasText: '→', timeoutMs: 2_000 }).catch(() => undefined);
    if (!shown) await vscode.commands.executeCommand('toggleSuggestionDetails');
    const text = (await ui.query(sel.suggestDetails, { hasText: '→' })).map((d) => d.text).join('\n');
    assert.match(text, /hardened → 3\.13-buildbase → 3\.13-pythonbase/, `the details pane shows the lineage: ${text}`);
    await sleep(500);
    await ui.screenshot('tag-completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  test('MD5: the quick-fix menu adds usedforsecurity=False, and choosing it clears the error', async () => {
    const uri = await writeDemoFile('app/checksums.py', CHECKSUMS);
    await openInEditor(uri, 'python');
    const diagnostic = await waitForDiagnostic(uri, 'FIPS001', 30_000);
    const editor = await present(uri, 'python', diagnostic.range.start);
    await sleep(1_000);
    await ui.screenshot('fix-04-md5', 1_800);

    const rows = await openQuickFixMenu('usedforsecurity=False');
    assert.ok(rows.length >= 2, rows.join(' | '));
    await ui.screenshot('md5-quickfix');
    await ui.screenshot('fix-05-md5-menu', 2_200);

    await ui.press('Enter');
    await ui.gone(sel.actionWidget);
    await waitFor('the md5 call to be fixed', () => editor.document.lineAt(6).text.includes('hashlib.md5(f.read(), usedforsecurity=False)'), 10_000);
    await waitForNoDiagnostic(uri, 'FIPS001');
    await editor.document.save();
    await ui.mouseAway();
    await sleep(800);
    await ui.screenshot('fix-06-md5-fixed', 3_000);
  });
});
