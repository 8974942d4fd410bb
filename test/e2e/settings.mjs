// User settings of the e2e test window, shared by both launchers (run.mjs, electron.mjs).
// VS Code reads them from <user-data-dir>/User/settings.json: for code-server's server that is the
// --user-data-dir given to server-main.js (the page is told it as `userDataPath` and reads
// vscode-remote://<host>/<user-data-dir>/User/settings.json); for desktop VS Code it is its
// --user-data-dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const testSettings = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.localHistory.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.autoSave': 'off',
  'files.watcherExclude': { '**/node_modules/**': true },
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
};

/** Writes the test settings into `<userDataDir>/User/settings.json` (and returns that path). */
export function writeTestSettings(userDataDir) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify(testSettings, null, 2) + '\n');
  return file;
}
