#!/usr/bin/env node
// Alternative e2e launcher for machines that can download VS Code desktop: @vscode/test-electron
// downloads VS Code (cached in .vscode-test/) and runs the same suite (out/test/e2e/suite) in its
// extension host. `npm run test:e2e:electron` runs this. The default launcher is run.mjs, which needs
// no download.
//
// Env: CS_E2E_VSCODE_VERSION (default 1.100.3, the version code-server 4.100.3 ships; 'stable' works),
//      CS_E2E_GREP (only matching tests), CS_E2E_SKIP_BUILD=1 (do not run npm run build).
// On Linux without a display it re-runs itself under `xvfb-run -a` when that is installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestSettings } from './settings.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[e2e] ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.CS_E2E_UNDER_XVFB) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
    const child = spawn('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, CS_E2E_UNDER_XVFB: '1' },
    });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.error('[e2e] no DISPLAY: VS Code desktop needs one (install xvfb: apt-get install -y xvfb), or use npm run test:e2e');
    process.exit(1);
  }
} else {
  await main();
}

async function main() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!process.env.CS_E2E_SKIP_BUILD && pkg.scripts?.build) sh('npm', ['run', '--silent', 'build']);
  fs.rmSync(path.join(ROOT, 'out', 'test', 'e2e'), { recursive: true, force: true });
  sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'test', 'e2e', 'tsconfig.json')]);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-e2e-electron-'));
  const workspace = path.join(tmp, 'workspace');
  const userDataDir = path.join(tmp, 'user-data');
  const resultsDir = path.join(tmp, 'results');
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  writeTestSettings(userDataDir);

  const { runTests } = await import('@vscode/test-electron');
  let code = 1;
  try {
    code = await runTests({
      version: process.env.CS_E2E_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
      extensionTestsEnv: {
        CS_E2E_RESULTS_DIR: resultsDir,
        ...(process.env.CS_E2E_GREP ? { CS_E2E_GREP: process.env.CS_E2E_GREP } : {}),
      },
      // runTests adds --disable-workspace-trust, --skip-welcome, --skip-release-notes itself.
      launchArgs: [workspace, '--disable-extensions', '--disable-telemetry', `--user-data-dir=${userDataDir}`],
    });
  } catch (err) {
    console.error(`[e2e] ${err?.message ?? err}`);
    code = 1;
  }
  try {
    const s = JSON.parse(fs.readFileSync(path.join(resultsDir, 'results.json'), 'utf8'));
    console.log(`e2e: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
    if (s.failed > 0 && code === 0) code = 1;
  } catch {
    console.log('e2e: 0 passed, 1 failed');
    if (code === 0) code = 1;
  }
  if (code === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.error(`[e2e] temporary files kept in ${tmp}`);
  process.exit(code);
}
