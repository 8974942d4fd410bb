// Mocha entry point loaded by the VS Code extension host (the `extensionTestsPath` of a test run).
// VS Code calls `run()` and takes a rejected promise as a failed run.
//
// Besides printing to the console, every reporter line is appended to `$CS_E2E_RESULTS_DIR/log.txt`
// and a summary goes to `$CS_E2E_RESULTS_DIR/results.json`, because a remote extension host's
// console output does not reliably reach the terminal that launched the run (test/e2e/run.mjs
// streams the file instead).
//
// Environment (all optional):
//   CS_E2E_RESULTS_DIR      where log.txt / results.json are written
//   CS_E2E_TESTS_DIR        folder searched for *.test.js (default: this file's folder)
//   CS_E2E_GREP             only run tests whose full title matches this pattern
//   CS_E2E_SCREENSHOT_DIR   after the tests, hand the window to the launcher for a screenshot
//   CS_E2E_SCREENSHOT_MODE  'final' (default) or 'quickfix' (show a Dockerfile's quick-fix menu)
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

interface FailureSummary {
  title: string;
  error: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  failures: FailureSummary[];
}

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

export async function run(): Promise<void> {
  const resultsDir = process.env.CS_E2E_RESULTS_DIR;
  const logFile = resultsDir ? path.join(resultsDir, 'log.txt') : undefined;
  if (resultsDir) fs.mkdirSync(resultsDir, { recursive: true });

  const write = (line: string): void => {
    if (logFile) fs.appendFileSync(logFile, line + '\n');
  };
  // Tee the reporter's output (mocha reporters print through Base.consoleLog) into the log file.
  // console.* itself cannot be wrapped: the extension host pins those methods and forwards them to
  // the window's log, which the launcher keeps (window-logs/window.log) and shows with --verbose.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const originalConsoleLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]): void => {
    originalConsoleLog(...args);
    write(util.format(...args));
  };

  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, durationMs: 0, failures: [] };
  const started = Date.now();
  try {
    const mocha = new Mocha({
      ui: 'tdd',
      reporter: 'spec',
      color: false,
      timeout: 60_000,
      slow: 10_000,
    });
    if (process.env.CS_E2E_GREP) mocha.grep(new RegExp(process.env.CS_E2E_GREP));

    const testsDir = process.env.CS_E2E_TESTS_DIR || __dirname;
    const files = findTestFiles(testsDir);
    if (files.length === 0) throw new Error(`no *.test.js files found under ${testsDir}`);
    for (const file of files) mocha.addFile(file);
    base.consoleLog(`Running ${files.length} test file(s) from ${testsDir} in VS Code ${require('vscode').version}`);

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => summary.passed++);
      runner.on('pending', () => summary.skipped++);
      runner.on('fail', (test: Mocha.Runnable, err: Error) => {
        summary.failed++;
        summary.failures.push({ title: test.fullTitle(), error: String((err && err.stack) || err) });
      });
    });
    if (summary.passed + summary.failed === 0) {
      summary.failed++;
      summary.failures.push({ title: '(suite)', error: 'no test was executed' });
    }
  } catch (err) {
    summary.failed++;
    summary.failures.push({ title: '(suite)', error: String((err as Error)?.stack ?? err) });
    base.consoleLog(`e2e suite could not run: ${(err as Error)?.stack ?? err}`);
  } finally {
    base.consoleLog = originalConsoleLog;
    summary.durationMs = Date.now() - started;
  }

  const line = `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
  originalConsoleLog(line);
  write(line);
  if (resultsDir) fs.writeFileSync(path.join(resultsDir, 'results.json'), JSON.stringify(summary, null, 2));

  if (process.env.CS_E2E_SCREENSHOT_DIR) {
    // Loaded lazily: it uses the vscode API, which only exists inside the extension host.
    const { handOverForScreenshot } = await import('./screenshot');
    await handOverForScreenshot(process.env.CS_E2E_SCREENSHOT_DIR, process.env.CS_E2E_SCREENSHOT_MODE);
  }

  if (summary.failed > 0) throw new Error(`${summary.failed} e2e test(s) failed`);
}
