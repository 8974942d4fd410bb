// The profile picker and the status bar as a user sees them (issue 8 item 10): the picker shows the
// active profile and where it comes from, offers "Use the project's configuration" (which removes the
// override), warns before writing a setting that overrides a .container-standards.json, and the status
// bar follows setting and config changes without any other action. Read and driven through the page.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  profileStatusItem,
  log,
  openInEditor,
  sleep,
  waitFor,
  workspaceRoot,
  writeWorkspaceFile,
  SCRATCH,
} from './helpers';
import { sel, ui, uiAvailable } from './ui';

const CONFIG = `${SCRATCH}/picker/.container-standards.json`;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('containerStandards');
}

function profileSetting(): string | undefined {
  const s = config().inspect<string>('profile');
  return s?.workspaceFolderValue ?? s?.workspaceValue ?? s?.globalValue;
}

/** Waits until the status bar item shows `profile`, and returns how long that took. */
async function statusShows(profile: string, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  const [item] = await ui.query(profileStatusItem(), { hasText: profile, timeoutMs });
  assert.match(item.text, new RegExp(`\\b${profile}\\b`));
  return Date.now() - started;
}

/** Picks the row that `filter` leaves first, as a keyboard user does. */
async function pick(filter: string): Promise<void> {
  await ui.fill(sel.quickInputBox, filter);
  await ui.query(sel.quickPickRows, { hasText: filter });
  await ui.press('Enter');
}

/** Opens the picker (as the status bar click does) and returns its placeholder and rows. */
async function openPicker(): Promise<{ done: Thenable<unknown>; placeholder: string; rows: string[] }> {
  const done = vscode.commands.executeCommand('containerStandards.selectProfile');
  const [box] = await ui.query(sel.quickInputBox);
  const rows = (await ui.query(sel.quickPickRows)).map((r) => r.text.replace(/\s+/g, ' ').trim());
  return { done, placeholder: box.placeholder ?? '', rows };
}

suite('Profile picker and status bar', () => {
  let dockerfile: vscode.Uri;

  suiteSetup(async function () {
    if (!uiAvailable()) this.skip(); // needs the launcher's browser (run.mjs)
    this.timeout(60_000);
    await activateExtension();
  });

  setup(async () => {
    for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.Global]) await config().update('profile', undefined, target);
    await writeWorkspaceFile('picker/.container-standards.json', '{ "profile": "defra" }\n');
    dockerfile = await writeWorkspaceFile('picker/Dockerfile', 'FROM defradigital/python:2.0.1-python3.13.9\nUSER nonroot\nCMD ["python", "-m", "app"]\n');
    await openInEditor(dockerfile, 'dockerfile');
    await statusShows('defra', 20_000);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.Global]) await config().update('profile', undefined, target);
    await closeAllEditors();
  });

  test('shows the active profile and the config file it comes from', async () => {
    const { done, placeholder, rows } = await openPicker();
    assert.strictEqual(placeholder, `Active: defra, from ${CONFIG}`);
    assert.ok(!rows.some((r) => r.includes("Use the project's configuration")), `nothing to remove yet: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.startsWith('gen3')) && rows.some((r) => r.startsWith('defra')), rows.join(' | '));
    await ui.press('Escape');
    await done;
    assert.strictEqual(profileSetting(), undefined);
  });

  test("warns before writing a setting that overrides the project's .container-standards.json; Cancel and Escape write nothing", async () => {
    let picker = await openPicker();
    await pick('gen3');
    // The warning is a step of the picker (VS Code refuses modal dialogs in extension tests).
    const [title] = await ui.query(sel.quickInputTitle, { hasText: '.container-standards.json' });
    assert.strictEqual(title.text.trim(), `${CONFIG} chooses the profile for this project, and CI uses it`);
    const [box] = await ui.query(sel.quickInputBox);
    assert.strictEqual(box.placeholder, `A containerStandards.profile setting overrides ${CONFIG} in this editor only`);
    const choices = (await ui.query(sel.quickPickRows)).map((r) => r.text.replace(/\s+/g, ' ').trim());
    assert.match(choices[0], /^Override in this workspace.*CI goes on using/, choices.join(' | '));
    assert.match(choices[1], /^Cancel/, choices.join(' | '));
    await pick('Cancel');
    await picker.done;
    await sleep(500);
    assert.strictEqual(profileSetting(), undefined, 'Cancel leaves the settings alone');
    await statusShows('defra');

    // Escape at the warning writes nothing either.
    picker = await openPicker();
    await pick('gen3');
    await ui.query(sel.quickInputTitle, { hasText: '.container-standards.json' });
    await ui.press('Escape');
    await picker.done;
    assert.strictEqual(profileSetting(), undefined, 'Escape leaves the settings alone');

    picker = await openPicker();
    await pick('gen3');
    await ui.query(sel.quickInputTitle, { hasText: '.container-standards.json' });
    await pick('Override in this workspace');
    await picker.done;
    assert.strictEqual(config().inspect<string>('profile')?.workspaceValue, 'gen3');
    const ms = await statusShows('gen3');
    log(`      status bar showed gen3 ${ms} ms after the picker closed`);
  });

  test('with an override, the picker names it and "Use the project\'s configuration" removes it', async () => {
    await config().update('profile', 'gen3', vscode.ConfigurationTarget.Workspace);
    await statusShows('gen3');
    const { done, placeholder, rows } = await openPicker();
    assert.strictEqual(placeholder, `Active: gen3, from the setting containerStandards.profile (it overrides ${CONFIG}, which CI uses)`);
    assert.match(rows[0], /^Use the project's configuration/, rows.join(' | '));
    assert.ok(rows[0].includes(CONFIG), `the first row names the config it returns to: ${rows[0]}`);
    await pick("Use the project's configuration");
    await done;
    await waitFor('the override to be removed', () => profileSetting() === undefined, 5_000);
    await statusShows('defra');
  });

  test('the status bar follows setting and config file changes at once', async () => {
    // A setting, changed outside the picker (settings editor, settings.json).
    await config().update('profile', 'gen3', vscode.ConfigurationTarget.Workspace);
    log(`      setting → gen3: status bar after ${await statusShows('gen3')} ms`);
    await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    log(`      setting removed → defra: status bar after ${await statusShows('defra')} ms`);
    // The project's config file, edited on disk (e.g. a git pull).
    const file = vscode.Uri.joinPath(workspaceRoot(), ...CONFIG.split('/'));
    await vscode.workspace.fs.writeFile(file, Buffer.from('{ "profile": "gen3" }\n', 'utf8'));
    log(`      config → gen3: status bar after ${await statusShows('gen3')} ms`);
    await vscode.workspace.fs.writeFile(file, Buffer.from('{ "profile": "defra" }\n', 'utf8'));
    log(`      config → defra: status bar after ${await statusShows('defra')} ms`);
    // The active editor stayed the same all along: nothing but the change itself moved the status bar.
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), dockerfile.toString());
  });
});
