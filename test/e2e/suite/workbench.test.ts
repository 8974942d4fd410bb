// Editor features beyond diagnostics: hover, fix-all on save, the workspace check and profile switching.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeValue,
  openInEditor,
  ourDiagnostics,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
  workspaceRoot,
  writeWorkspaceFile,
} from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Workbench', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(closeAllEditors);

  test('hovering a base image shows its lineage, contents and user', async () => {
    const uri = await writeWorkspaceFile('hover/Dockerfile', 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["x"]\n');
    await openInEditor(uri, 'dockerfile');
    const text = await waitFor('a hover with the tag lineage', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 40));
      const t = hoverText(hovers ?? []);
      return t.includes('`3.13-buildbase` → `3.13-pythonbase`') ? t : undefined;
    });
    assert.match(text, /Runs as `gen3`/);
  });

  test('"source.fixAll.containerStandards" on save applies the safe fixes', async () => {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'dockerfile' });
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll.containerStandards': 'explicit' }, vscode.ConfigurationTarget.Global);
    try {
      const uri = await writeWorkspaceFile('fixall/Dockerfile', 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nCMD ["x"]\n');
      const editor = await openInEditor(uri, 'dockerfile');
      await waitForDiagnostic(uri, 'USR001');
      await editor.edit((b) => b.insert(new vscode.Position(2, 0), '\n'));
      assert.ok(await editor.document.save());
      await waitFor('the fix-all on save', () => editor.document.getText().includes('USER gen3\nCMD ["x"]'), 10_000);
      await waitForNoDiagnostic(uri, 'USR001');
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('"Check whole workspace" reports files that are not open', async () => {
    const demo = vscode.Uri.joinPath(workspaceRoot(), 'quickfix-demo', 'Dockerfile');
    const result = await vscode.commands.executeCommand<{ checked: number; findings: number }>('containerStandards.checkWorkspace');
    assert.ok(result.checked >= 3, `checked ${result.checked} files`);
    const d = await waitForDiagnostic(demo, 'IMG001');
    assert.strictEqual(d.range.start.line, 0);
  });

  test('switching the profile in the settings re-checks open files at once', async () => {
    const uri = await writeWorkspaceFile('profile-switch/Dockerfile', 'FROM defradigital/python:2.0.1-python3.13.9\n');
    await openInEditor(uri, 'dockerfile');
    await waitForDiagnostic(uri, 'IMG001');
    const config = vscode.workspace.getConfiguration('containerStandards');
    await config.update('profile', 'defra', vscode.ConfigurationTarget.Workspace);
    try {
      await waitForNoDiagnostic(uri, 'IMG001');
      assert.ok(!ourDiagnostics(uri).some((d) => codeValue(d) === 'IMG001'));
    } finally {
      await config.update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostic(uri, 'IMG001');
  });
  test('"Sync Tag Catalog" reads a real registry, writes the lock beside the config, and the rules use it', async function () {
    this.timeout(120_000);
    // The unit tests' registry helper (compiled by `npm test`, which .ci/run runs first).
    const helpers = require(path.join(__dirname, '..', '..', 'unit', 'helpers', 'registry'));
    const registry = await helpers.startRegistry();
    try {
      await helpers.pushIndex(registry.host, 'cdis/amazonlinux-base', { user: 'gen3' }, ['3.13-pythonbase']);
      const repo = `${registry.host}/cdis/amazonlinux-base`;
      const gen3 = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'profiles', 'gen3.json'), 'utf8'));
      const profile = {
        ...gen3,
        id: 'local',
        repositories: [{ ...gen3.repositories[0], name: repo, mirrors: undefined }],
        recommendations: { default: `${repo}:3.13-pythonbase` },
        retired: [],
      };
      await writeWorkspaceFile('catalog/local.profile.json', JSON.stringify(profile));
      const config = await writeWorkspaceFile('catalog/.container-standards.json', '{ "profile": "./local.profile.json" }\n');
      // USER root is there so the first check shows (USR002) before the sync.
      const uri = await writeWorkspaceFile('catalog/Dockerfile', `FROM ${repo}:3.13-pythonuv\nUSER root\nCMD ["x"]\n`);
      await openInEditor(uri, 'dockerfile');
      await waitForDiagnostic(uri, 'USR002');
      assert.ok(!ourDiagnostics(uri).some((d) => codeValue(d) === 'IMG002'), 'without a lock the profile allows 3.13-pythonuv');
      const result = await vscode.commands.executeCommand<{ ok: boolean; error?: string; path?: string }>('containerStandards.syncCatalog');
      assert.ok(result.ok, result.error);
      assert.strictEqual(result.path, path.join(path.dirname(config.fsPath), 'container-standards.lock.json'));
      const d = await waitForDiagnostic(uri, 'IMG002');
      assert.match(d.message, /^'3\.13-pythonuv' is allowed by the standard, but .* had no such tag/);
    } finally {
      await registry.stop();
    }
  });
});
