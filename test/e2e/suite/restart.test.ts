// Issue 11 item 6, in a real VS Code: when the language server dies, the extension restarts it at most
// three times in three minutes and says so once (one notification); after the fourth crash it stays
// stopped and the status bar says so; "Restart Language Server" brings it back.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, profileStatusItem, log, openInEditor, sleep, waitFor, waitForDiagnostic, writeWorkspaceFile } from './helpers';
import { ui, uiAvailable } from './ui';

/** Our language server: the child of this extension host running dist/server.js. */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the name field (2) may hold spaces, so read after its ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

async function answersHover(uri: vscode.Uri): Promise<boolean> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 7));
  return hovers.length > 0;
}

suite('Server crashes', () => {
  suiteSetup(async function () {
    if (!uiAvailable() || process.platform !== 'linux') this.skip(); // reads /proc and the page (run.mjs)
    await activateExtension();
  });

  teardown(() => closeAllEditors());

  test('three restarts in three minutes, one notification, then "server stopped" until Restart Language Server', async function () {
    this.timeout(120_000);
    const uri = await writeWorkspaceFile('restart/Dockerfile', 'FROM python:3.9\nCMD ["gunicorn", "app:app"]\n');
    await openInEditor(uri, 'dockerfile');
    await waitForDiagnostic(uri, 'IMG001');
    await vscode.commands.executeCommand('notifications.clearAll');
    let pid = await waitFor('the language server process', () => serverPid(), 20_000, 100);
    for (let crash = 1; crash <= 4; crash++) {
      process.kill(pid, 'SIGKILL');
      if (crash === 4) break;
      const before = pid;
      pid = await waitFor(`the server restarted after crash ${crash}`, () => (serverPid() !== before ? serverPid() : undefined), 30_000, 100);
      // Crashes while it works, not while it starts: wait until the new server answers a hover.
      await waitFor(`the restarted server answering (crash ${crash})`, () => answersHover(uri), 30_000, 200);
      log(`      crash ${crash}: restarted as pid ${pid}`);
    }
    const [item] = await ui.query(profileStatusItem(), { hasText: 'server stopped', timeoutMs: 30_000 });
    assert.match(item.text, /server stopped/);
    await sleep(2000);
    assert.equal(serverPid(), undefined, 'not restarted a fourth time');

    await vscode.commands.executeCommand('notifications.showList');
    const told = await ui.query('.notifications-center .notification-list-item', { hasText: 'Container Standards language server' });
    assert.equal(told.length, 1, `one notification: ${told.map((t) => t.text).join(' | ')}`);
    assert.match(told[0].text, /stopped unexpectedly and was restarted/);
    await vscode.commands.executeCommand('notifications.hideList');

    await vscode.commands.executeCommand('containerStandards.restartServer');
    await waitFor('the server after Restart Language Server', () => serverPid(), 30_000, 100);
    await ui.query(profileStatusItem(), { hasText: 'gen3', timeoutMs: 30_000 });
    await waitForDiagnostic(uri, 'IMG001');
  });
});
