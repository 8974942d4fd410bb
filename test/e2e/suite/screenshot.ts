// After the tests, optionally sets the window up for a screenshot and hands it to the launcher:
// this file writes `<dir>/ready`, the launcher (test/e2e/run.mjs) takes the picture and writes
// `<dir>/done`. Doing it from inside the extension host keeps the extension alive while the
// picture is taken (the host stops once run() returns).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SCRATCH, closeAllEditors, describeDiagnostics, log, openInEditor, sleep, waitForDiagnostic, workspaceRoot } from './helpers';

async function showQuickFixMenu(): Promise<void> {
  await closeAllEditors();
  await vscode.commands.executeCommand('workbench.action.closePanel');
  // The picture is about the demo file: drop the files the tests wrote (and their diagnostics).
  await Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), SCRATCH), { recursive: true })).catch(() => undefined);
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'quickfix-demo', 'Dockerfile');
  const editor = await openInEditor(uri, 'dockerfile');
  // Tidy the explorer: collapse what the tests opened, then show just the demo file.
  await Promise.resolve(vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders')).catch(() => undefined);
  await Promise.resolve(vscode.commands.executeCommand('revealInExplorer', uri)).catch(() => undefined);
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  let target = new vscode.Position(0, 5);
  try {
    target = (await waitForDiagnostic(uri, 'IMG001', 30_000)).range.start;
  } catch (err) {
    log(`screenshot: no IMG001 diagnostic to show (${describeDiagnostics(uri)})`);
  }
  editor.selection = new vscode.Selection(target, target);
  editor.revealRange(new vscode.Range(target, target));
  await sleep(1_000); // let the lightbulb and squiggles render
  await vscode.commands.executeCommand('editor.action.quickFix');
  await sleep(1_500); // the menu fetches code actions asynchronously
}

export async function handOverForScreenshot(dir: string, mode: string | undefined): Promise<void> {
  try {
    if (mode === 'quickfix') await showQuickFixMenu();
  } catch (err) {
    log(`screenshot: could not prepare the window: ${(err as Error)?.stack ?? err}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'ready'), mode ?? 'final');
  const done = path.join(dir, 'done');
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(done) && Date.now() < deadline) await sleep(200);
}
