// "New Dockerfile from Template…" as a user runs it from the palette: the template list puts the active
// profile's templates first, VS Code's save dialog proposes `Dockerfile` in the workspace folder of the
// active editor, and the file written there holds the template and checks clean. Driven through the page.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeValue, log, openInEditor, settledDiagnostics, sleep, waitFor, workspaceRoot, SCRATCH } from './helpers';
import { sel, ui, uiAvailable } from './ui';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('containerStandards');
}

/** Runs the command and waits for its template list; returns the rows as shown. */
async function openTemplates(): Promise<{ done: Thenable<vscode.Uri | undefined>; placeholder: string; rows: string[] }> {
  const done = vscode.commands.executeCommand<vscode.Uri | undefined>('containerStandards.newDockerfile');
  const [box] = await ui.query(sel.quickInputBox);
  const rows = (await ui.query(sel.quickPickRows)).map((r) => r.text.replace(/\s+/g, ' ').trim());
  return { done, placeholder: box.placeholder ?? '', rows };
}

/** Which profile a template row belongs to, by the profile name its description starts with. */
function profileOf(row: string): string {
  return /^Defra\b/i.test(row) ? 'defra' : /^Gen3\b/i.test(row) ? 'gen3' : 'other';
}

suite('New Dockerfile from Template', () => {
  suiteSetup(async function () {
    if (!uiAvailable()) this.skip(); // needs the launcher's browser (run.mjs)
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test("lists the active profile's templates first (gen3 by default)", async () => {
    await openInEditor(vscode.Uri.joinPath(workspaceRoot(), 'app', 'main.py'), 'python');
    const { done, placeholder, rows } = await openTemplates();
    assert.match(placeholder, /gen3 templates first/);
    const kinds = rows.map(profileOf);
    const firstOther = kinds.findIndex((k) => k !== 'gen3');
    assert.ok(firstOther > 0 && kinds.slice(firstOther).every((k) => k !== 'gen3'), `gen3 rows first: ${rows.join(' | ')}`);
    assert.ok(kinds.includes('defra'), `the other profile's templates are still offered: ${rows.join(' | ')}`);
    await ui.press('Escape');
    assert.strictEqual(await done, undefined);
  });

  test('with defra active: Defra first, the save dialog proposes Dockerfile in the workspace folder, and the file checks clean', async function () {
    this.timeout(120_000); // several UI round trips, each slow on a loaded machine
    await config().update('profile', 'defra', vscode.ConfigurationTarget.Workspace);
    // The active editor is in a subfolder: the proposal is its workspace folder, not the file's folder.
    await openInEditor(vscode.Uri.joinPath(workspaceRoot(), 'app', 'main.py'), 'python');
    const { done, placeholder, rows } = await openTemplates();
    assert.match(placeholder, /defra templates first/);
    assert.strictEqual(profileOf(rows[0]), 'defra', rows.join(' | '));
    await ui.press('Enter'); // the first (Defra) template

    // VS Code's own save dialog (in the browser: a path box in the quick input).
    const [title] = await ui.query(sel.quickInputTitle, { hasText: 'New Dockerfile from Template' });
    assert.ok(title.text.includes('New Dockerfile from Template'));
    // The dialog fills its path box in a moment after it opens.
    const proposed = path.join(workspaceRoot().fsPath, 'Dockerfile');
    let value = '';
    await waitFor(
      `the save dialog to propose ${proposed}`,
      async () => {
        value = (await ui.query(sel.quickInputBox))[0].value ?? '';
        return value === proposed;
      },
      10_000,
      250,
      () => value,
    ).catch(() => undefined);
    assert.strictEqual(value, proposed, 'proposes Dockerfile in the workspace folder');
    // The workspace already has a Dockerfile: save next to the other test files instead.
    const folder = vscode.Uri.joinPath(workspaceRoot(), SCRATCH, 'template-ui');
    await vscode.workspace.fs.createDirectory(folder);
    const target = vscode.Uri.joinPath(folder, 'Dockerfile');
    await ui.fill(sel.quickInputBox, target.fsPath);
    // The dialog ignores Enter while it is still reading the folder the new path names (it is "busy"),
    // so a keyboard user may need a second Enter on a slow machine; more than three means it hangs.
    let created: vscode.Uri | undefined | 'open' = 'open';
    for (let attempt = 0; attempt < 3 && created === 'open'; attempt++) {
      await sleep(1_000);
      await ui.press('Enter');
      created = await Promise.race([done, sleep(5_000).then(() => 'open' as const)]);
      if (created === 'open') log(`      the save dialog was still open after Enter #${attempt + 1}`);
    }
    assert.notStrictEqual(created, 'open', 'the save dialog accepted the path');
    assert.strictEqual(created === 'open' ? undefined : created?.toString(), target.toString());

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === target.toString(), 'the new file is in front');
    assert.strictEqual(editor.document.languageId, 'dockerfile');
    assert.match(editor.document.getText(), /^FROM defradigital\/python/m);
    await editor.document.save();
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.strictEqual(onDisk, editor.document.getText());
    const diagnostics = await settledDiagnostics(target);
    assert.deepStrictEqual(
      diagnostics.map((d) => `${codeValue(d)}: ${d.message}`),
      [],
      'the Defra template follows the Defra standard',
    );
  });
});
