// Checks the test window itself, so a broken harness is told apart from a broken extension.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { REPO_ROOT, extensionId, workspaceRoot } from './helpers';

suite('Harness', () => {
  test('the window has the fixture workspace, trusted, with the test settings', async () => {
    const root = workspaceRoot();
    const fixture = vscode.Uri.joinPath(root, 'Dockerfile');
    const text = Buffer.from(await vscode.workspace.fs.readFile(fixture)).toString('utf8');
    assert.ok(text.startsWith('FROM quay.io/cdis/amazonlinux-base:'), 'the workspace is a copy of test/e2e/workspace');
    assert.notStrictEqual(path.resolve(root.fsPath), path.join(REPO_ROOT, 'test', 'e2e', 'workspace'), 'tests run on a copy, not the fixture');
    assert.strictEqual(vscode.workspace.isTrusted, true, 'workspace trust is off');
    assert.strictEqual(vscode.workspace.getConfiguration('telemetry').get('telemetryLevel'), 'off', 'test user settings are applied');
  });

  test('the extension under development is loaded from this repository', () => {
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext, `${extensionId()} is not loaded`);
    assert.strictEqual(path.resolve(ext.extensionPath), path.resolve(REPO_ROOT));
  });
});
