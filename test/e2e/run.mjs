#!/usr/bin/env node
// End-to-end tests in a real VS Code extension host: the VS Code server that code-server ships,
// opened in Debian's headless Chromium through playwright-core. `npm run test:e2e` runs this.
//
// Everything it needs is installed on first use and cached under .cache/e2e/ (git-ignored):
//   1. Debian packages chromium, libkrb5-dev, ripgrep (+ a C++ toolchain if missing) via apt-get (root only);
//   2. code-server@4.100.3 (VS Code 1.100.3, Node 20) via npm into .cache/e2e/code-server/;
// then it builds the extension (npm run build), compiles test/e2e (tsc), starts the VS Code server,
// opens the workbench with extensionDevelopmentPath/extensionTestsPath in the URL payload, streams
// the mocha output and exits with the suite's exit code.
//
// Usage: node test/e2e/run.mjs [options]
//   --screenshot <png>           screenshot of the window after the tests (pass or fail)
//   --quickfix-screenshot <png>  after the tests, open quickfix-demo/Dockerfile, show its quick-fix
//                                menu (Ctrl+.) and screenshot it
//   --shots <dir>                write the pictures the Demo suite takes (README screenshots, GIF frames
//                                in frames/ with frames.json) into <dir>; `npm run demo` uses this
//   --grep <regex>               run only the matching tests
//   --timeout <seconds>          time limit for build + tests, after installing (default 600, env CS_E2E_TIMEOUT)
//   --skip-build                 do not run `npm run build` (tests are still compiled)
//   --extension-path <dir>       extension under test (default: this repository)
//   --tests-dir <dir>            folder with *.test.js files (default: out/test/e2e/suite)
//   --keep                       keep the temporary folder (always kept when the run fails)
//   --verbose                    also print the browser console and the server log
// Env: CS_E2E_CHROMIUM (browser binary, default /usr/bin/chromium), TMPDIR.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTestSettings } from './settings.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = path.join(ROOT, '.cache', 'e2e');
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_DIR = path.join(CACHE, 'code-server');
const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
const VSCODE_DIR = path.join(CODE_SERVER_PKG, 'lib', 'vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');
const MARKER = path.join(CODE_SERVER_DIR, '.e2e-installed.json');
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];
// code-server's postinstall runs `npm install` in lib/vscode, whose @vscode/ripgrep@1.15.11 would
// download rg from GitHub unless the tarball is already in its cache; we build it from Debian's rg.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
// Packages of the code-server tree whose install scripts must run (native modules, postinstalls).
const ALLOWED_SCRIPTS = [
  'code-server',
  'argon2',
  'kerberos',
  'node-pty',
  'native-watchdog',
  '@parcel/watcher',
  '@vscode/ripgrep',
  '@vscode/spdlog',
  '@vscode/deviceid',
  '@vscode/windows-process-tree',
  '@vscode/windows-registry',
  'esbuild',
];

// ---------------------------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
  const opts = {
    screenshot: undefined,
    quickfixScreenshot: undefined,
    shots: undefined,
    grep: undefined,
    timeout: Number(process.env.CS_E2E_TIMEOUT || 600),
    skipBuild: false,
    extensionPath: ROOT,
    testsDir: undefined,
    keep: false,
    verbose: false,
  };
  const value = (i, name) => {
    if (i + 1 >= argv.length) fail(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--screenshot':
        opts.screenshot = path.resolve(value(i, a));
        i++;
        break;
      case '--quickfix-screenshot':
        opts.quickfixScreenshot = path.resolve(value(i, a));
        i++;
        break;
      case '--shots':
        opts.shots = path.resolve(value(i, a));
        i++;
        break;
      case '--grep':
        opts.grep = value(i, a);
        i++;
        break;
      case '--timeout':
        opts.timeout = Number(value(i, a));
        i++;
        break;
      case '--skip-build':
        opts.skipBuild = true;
        break;
      case '--extension-path':
        opts.extensionPath = path.resolve(value(i, a));
        i++;
        break;
      case '--tests-dir':
        opts.testsDir = path.resolve(value(i, a));
        i++;
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '-h':
      case '--help':
        console.log(
          fs
            .readFileSync(fileURLToPath(import.meta.url), 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('//'))
            .map((l) => l.slice(3))
            .join('\n'),
        );
        process.exit(0);
        break;
      default:
        fail(`unknown option ${a} (see --help)`);
    }
  }
  if (!(opts.timeout > 0)) fail('--timeout must be a positive number of seconds');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// small utilities

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

function fail(msg) {
  console.error(`[e2e] ERROR: ${msg}`);
  process.exit(1);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function commandExists(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Child process groups still running; stopped when the launcher stops. */
const activeChildren = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {}
  }
}

/**
 * Runs a command in its own process group (so it can be stopped with everything it started);
 * output goes to the terminal, or to `logFile` (whose tail is shown on failure).
 */
function run(cmd, args, { cwd = ROOT, env = process.env, logFile, timeoutMs = 20 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    let out = 'inherit';
    let fd;
    if (logFile) {
      fd = fs.openSync(logFile, 'a');
      fs.writeSync(fd, `\n$ ${cmd} ${args.join(' ')}   (cwd ${cwd})\n`);
      out = fd;
    }
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
    activeChildren.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      activeChildren.delete(child);
      if (fd !== undefined) fs.closeSync(fd);
    };
    child.on('error', (err) => {
      done();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      done();
      if (code === 0) return resolve();
      const where = logFile ? `\n--- last lines of ${logFile} ---\n${tail(logFile)}\n---` : '';
      const why = timedOut ? `timed out after ${timeoutMs / 1000} s` : (signal ?? `exit ${code}`);
      reject(new Error(`${cmd} ${args.join(' ')} failed (${why})${where}`));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------------------------------------
// 1. Debian packages

function debianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

async function ensureDebianPackages(needCodeServerBuild) {
  const wanted = [...DEBIAN_PACKAGES];
  // code-server's native modules are compiled with node-gyp.
  if (needCodeServerBuild) {
    if (!commandExists('g++')) wanted.push('g++');
    if (!commandExists('make')) wanted.push('make');
    if (!commandExists('python3')) wanted.push('python3');
  }
  if (!commandExists('dpkg-query')) {
    const missing = ['chromium', 'rg'].filter((c) => !commandExists(c));
    if (missing.length) fail(`not a Debian system and ${missing.join(', ')} not found: install Chromium, ripgrep and the Kerberos headers yourself`);
    return;
  }
  const missing = wanted.filter((p) => (p === 'g++' || p === 'make' || p === 'python3' ? true : !debianPackageInstalled(p)));
  if (missing.length === 0) return;
  if (!isRoot) {
    fail(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `  install them first:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  const started = Date.now();
  const aptLog = path.join(CACHE, 'apt.log');
  log(`installing Debian packages ${missing.join(' ')} (log: ${path.relative(ROOT, aptLog)})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env, logFile: aptLog });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, logFile: aptLog });
  log(`Debian packages installed in ${seconds(started)}`);
}

// ---------------------------------------------------------------------------------------------
// 2. code-server

function nodeMajor() {
  return Number(process.versions.node.split('.')[0]);
}

function installedCodeServer() {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return marker.codeServer === CODE_SERVER_VERSION && marker.nodeMajor === nodeMajor() && marker.arch === process.arch && fs.existsSync(SERVER_MAIN);
  } catch {
    return false;
  }
}

function ripgrepTarget() {
  switch (process.arch) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      fail(`unsupported architecture ${process.arch} for the ripgrep cache`);
  }
}

/** Puts a tarball of Debian's rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache() {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) fail('ripgrep (rg) is not installed');
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${ripgrepTarget()}.tar.gz`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-e2e-rg-'));
  try {
    fs.copyFileSync(fs.realpathSync(rg), path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    fs.mkdirSync(cacheDir, { recursive: true });
    const r = spawnSync('tar', ['-czf', tarball, '-C', stage, 'rg'], { stdio: 'inherit' });
    if (r.status !== 0) fail(`could not create ${tarball}`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  return tarball;
}

/** A lock so two runs do not install into the same cache at once. */
async function withInstallLock(fn) {
  const lock = path.join(CACHE, 'install.lock');
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {}
      let alive = false;
      if (holder > 0) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch {}
      }
      if (!alive) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) fail(`another run (pid ${holder}) holds ${lock}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function ensureCodeServer() {
  if (installedCodeServer()) {
    log(`code-server ${CODE_SERVER_VERSION} cached in ${path.relative(ROOT, CODE_SERVER_DIR)}`);
    return;
  }
  await withInstallLock(async () => {
    if (installedCodeServer()) return;
    const started = Date.now();
    const partial = `${CODE_SERVER_DIR}.partial`;
    const installLog = path.join(CACHE, 'code-server-install.log');
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    fs.writeFileSync(installLog, '');
    fs.writeFileSync(
      path.join(partial, 'package.json'),
      JSON.stringify(
        {
          name: 'container-standards-e2e-code-server',
          private: true,
          description: 'code-server for the e2e tests; installed by test/e2e/run.mjs',
          allowScripts: Object.fromEntries(ALLOWED_SCRIPTS.map((p) => [p, true])),
        },
        null,
        2,
      ),
    );
    const tarball = seedRipgrepCache();
    log(
      `installing code-server@${CODE_SERVER_VERSION} into ${path.relative(ROOT, CODE_SERVER_DIR)} (takes about a minute; log: ${path.relative(ROOT, installLog)})`,
    );
    log(`ripgrep for @vscode/ripgrep taken from ${tarball}`);
    const env = {
      ...process.env,
      // code-server's postinstall refuses to run as root under npm without unsafe-perm, and it
      // runs `npm install` twice more (lib/vscode, lib/vscode/extensions) with these settings.
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      npm_config_foreground_scripts: 'true',
      npm_config_ignore_scripts: 'false',
      // argon2 (node-pre-gyp) and kerberos (prebuild-install) would first try prebuilt binaries
      // from GitHub; point them at a closed local port so they go straight to compiling.
      npm_config_argon2_binary_host_mirror: 'http://127.0.0.1:9/',
      npm_config_kerberos_binary_host: 'http://127.0.0.1:9',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    // node-gyp compiles the native modules against this Node's headers; use the installed ones
    // (Debian/NodeSource put them in <prefix>/include/node) instead of downloading a tarball.
    const prefix = path.resolve(path.dirname(process.execPath), '..');
    if (!process.env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) {
      env.npm_config_nodedir = prefix;
    }
    if (nodeMajor() !== 20) {
      log(`WARNING: code-server ${CODE_SERVER_VERSION} is made for Node 20, this is Node ${process.versions.node}`);
      env.FORCE_NODE_VERSION = String(nodeMajor());
    }
    await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: partial, env, logFile: installLog });

    // The postinstall must have run: it installs VS Code's node modules (with the rg binary)
    // and links node_modules.asar.
    const pkg = path.join(partial, 'node_modules', 'code-server', 'lib', 'vscode');
    const expected = [
      path.join(pkg, 'out', 'server-main.js'),
      path.join(pkg, 'node_modules.asar'),
      path.join(pkg, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
      path.join(pkg, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
      path.join(pkg, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
      path.join(pkg, 'extensions', 'node_modules', 'typescript'),
    ];
    const absent = expected.filter((p) => !fs.existsSync(p));
    if (absent.length) {
      throw new Error(
        `code-server installed but its postinstall did not complete; missing:\n  ${absent.join('\n  ')}\n` +
          `--- last lines of ${installLog} ---\n${tail(installLog)}`,
      );
    }
    fs.renameSync(partial, CODE_SERVER_DIR);
    fs.writeFileSync(
      MARKER,
      JSON.stringify({ codeServer: CODE_SERVER_VERSION, nodeMajor: nodeMajor(), arch: process.arch, installedAt: new Date().toISOString() }, null, 2),
    );
    log(`code-server installed in ${seconds(started)}`);
  });
}

// ---------------------------------------------------------------------------------------------
// 3. build the extension and the tests

async function buildProject(opts) {
  if (!fs.existsSync(path.join(ROOT, 'node_modules', 'playwright-core')) || !fs.existsSync(path.join(ROOT, 'node_modules', 'typescript'))) {
    log('project dependencies missing: npm ci');
    await run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (opts.skipBuild) log('--skip-build: not running npm run build');
  else if (pkg.scripts?.build) {
    const started = Date.now();
    await run('npm', ['run', '--silent', 'build']);
    log(`npm run build done in ${seconds(started)}`);
  } else log('WARNING: package.json has no "build" script; testing whatever is in dist/');
  const started = Date.now();
  fs.rmSync(path.join(ROOT, 'out', 'test', 'e2e'), { recursive: true, force: true });
  await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'test', 'e2e', 'tsconfig.json')]);
  log(`e2e tests compiled in ${seconds(started)}`);
}

// ---------------------------------------------------------------------------------------------
// 4. the VS Code server

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function startServer(tmp, env, verbose) {
  const userDataDir = path.join(tmp, 'user-data');
  const serverDataDir = path.join(tmp, 'server-data');
  const serverLog = path.join(tmp, 'server.log');
  fs.mkdirSync(serverDataDir, { recursive: true });
  const settingsFile = writeTestSettings(userDataDir);
  log(`test settings: ${settingsFile}`);

  const args = [
    SERVER_MAIN,
    '--host',
    '127.0.0.1',
    '--port',
    '0', // the server picks a free port and prints it
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--telemetry-level',
    'off',
    '--user-data-dir',
    userDataDir,
    '--server-data-dir',
    serverDataDir,
  ];
  const out = fs.openSync(serverLog, 'a');
  const child = spawn(process.execPath, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = Date.now();
  const port = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`VS Code server did not report its port within 60 s; see ${serverLog}`)), 60_000);
    const onData = (chunk) => {
      fs.writeSync(out, chunk);
      if (verbose) process.stdout.write(`[server] ${chunk}`);
      buffered += chunk.toString();
      const m = /listening on (\d+)/.exec(buffered) || /bound to [^\s]*:(\d+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited early (${signal ?? code}):\n${tail(serverLog)}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await httpOk(`${base}/`))) {
    if (Date.now() > deadline) throw new Error(`VS Code server at ${base} does not answer HTTP; see ${serverLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`VS Code server up at ${base} in ${seconds(started)} (log: ${serverLog})`);
  return { child, port, base, userDataDir, serverLog };
}

function stopProcessGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (sig) => killGroup(child, sig); // the server and the extension host it forked
    const timer = setTimeout(() => {
      kill('SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------
// 5. the browser and the test run

/** Streams the suite's log file (written by out/test/e2e/suite/index.js) to the terminal. */
function followFile(file) {
  let offset = 0;
  const poll = () => {
    let size;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    process.stdout.write(buf.toString('utf8'));
  };
  const timer = setInterval(poll, 200);
  return () => {
    clearInterval(timer);
    poll();
  };
}

/**
 * Lets the suite look at and drive the workbench page, which the extension host cannot reach: it
 * writes `<dir>/req-N.json` ({ op, … }) and waits for `<dir>/res-N.json` ({ ok, result | error }).
 * Ops: query (wait until `selector` [with `hasText`] is visible, or `state: 'hidden'`; returns the
 * matches' text, input value, placeholder and aria-label), frameText (a webview's text), press, type, click, fill (an input), mouse (move the pointer
 * away), screenshot (into `shotsDir`; with `delayMs` it is a GIF frame listed in frames/frames.json).
 */
function serveUi(page, dir, shotsDir) {
  let next = 0;
  let busy = false;
  let stopped = false;
  const frames = [];
  if (shotsDir) fs.mkdirSync(path.join(shotsDir, 'frames'), { recursive: true });
  const locate = (req) => {
    let loc = page.locator(req.selector);
    if (req.hasText !== undefined) loc = loc.filter({ hasText: req.hasText });
    return loc;
  };
  const handle = async (req) => {
    switch (req.op) {
      case 'query': {
        const loc = locate(req);
        const timeout = req.timeoutMs ?? 10_000;
        if (req.state === 'hidden') {
          await loc.first().waitFor({ state: 'hidden', timeout });
          return [];
        }
        await loc.first().waitFor({ state: 'visible', timeout });
        return loc.evaluateAll((els) =>
          els.map((e) => ({
            text: e.innerText ?? e.textContent ?? '',
            value: 'value' in e ? String(e.value) : undefined,
            placeholder: e.getAttribute('placeholder') ?? undefined,
            ariaLabel: e.getAttribute('aria-label') ?? undefined,
          })),
        );
      }
      case 'frameText': {
        // Webviews (e.g. the Markdown preview) render in nested iframes: search every frame's text.
        const deadline = Date.now() + (req.timeoutMs ?? 10_000);
        for (;;) {
          for (const frame of page.frames()) {
            if (frame === page.mainFrame()) continue;
            const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
            if (text.includes(req.hasText)) return text;
          }
          if (Date.now() > deadline) throw new Error(`no frame shows "${req.hasText}"`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      case 'press':
        await page.keyboard.press(req.key);
        return null;
      case 'type':
        await page.keyboard.type(req.text, { delay: req.delayMs ?? 20 });
        return null;
      case 'click':
        // The workbench animates and re-renders its lists, which Playwright's stability wait never
        // accepts; the element must still be attached and is clicked at its centre.
        await locate(req)
          .first()
          .waitFor({ state: 'visible', timeout: req.timeoutMs ?? 10_000 });
        await locate(req)
          .first()
          .click({ force: true, timeout: req.timeoutMs ?? 10_000 });
        return null;
      case 'fill':
        await locate(req)
          .first()
          .fill(req.value, { timeout: req.timeoutMs ?? 10_000 });
        return null;
      case 'mouse':
        await page.mouse.move(req.x ?? 0, req.y ?? 0);
        return null;
      case 'screenshot': {
        if (!shotsDir) return { written: false };
        if (!/^[a-z0-9][a-z0-9-]*$/.test(req.name)) throw new Error(`bad screenshot name ${req.name}`);
        const isFrame = typeof req.delayMs === 'number';
        const file = path.join(shotsDir, isFrame ? 'frames' : '', `${req.name}.png`);
        await page.screenshot({ path: file, ...(req.clip ? { clip: req.clip } : {}) });
        if (isFrame) {
          frames.push({ file: path.basename(file), delayMs: req.delayMs });
          fs.writeFileSync(path.join(shotsDir, 'frames', 'frames.json'), JSON.stringify(frames, null, 2) + '\n');
        }
        log(`screenshot written to ${path.relative(process.cwd(), file) || file}`);
        return { written: true, file };
      }
      default:
        throw new Error(`unknown ui op ${req.op}`);
    }
  };
  const poll = async () => {
    if (busy || stopped) return;
    const reqFile = path.join(dir, `req-${next}.json`);
    if (!fs.existsSync(reqFile)) return;
    busy = true;
    let res;
    try {
      const req = JSON.parse(fs.readFileSync(reqFile, 'utf8'));
      res = { ok: true, result: await handle(req) };
    } catch (err) {
      // A picture of what the page showed instead, kept with the run's temporary files.
      const shot = path.join(dir, `failed-${next}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      res = {
        ok: false,
        error: `${String(err?.message ?? err)
          .split('\n')
          .slice(0, 6)
          .join('\n')}\n(the page then: ${shot})`,
      };
    }
    const tmpFile = path.join(dir, `res-${next}.json.tmp`);
    fs.writeFileSync(tmpFile, JSON.stringify(res));
    fs.renameSync(tmpFile, path.join(dir, `res-${next}.json`));
    next++;
    busy = false;
  };
  const timer = setInterval(() => void poll(), 100);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  fs.mkdirSync(CACHE, { recursive: true });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-e2e-'));
  const resultsDir = path.join(tmp, 'results');
  const shotDir = path.join(tmp, 'screenshot');
  const uiDir = path.join(tmp, 'ui');
  fs.mkdirSync(uiDir, { recursive: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  let server;
  let browser;
  let exitCode = 1;
  let stopFollowing = () => {};
  let finished = false;

  const cleanup = async () => {
    stopFollowing();
    for (const child of activeChildren) killGroup(child, 'SIGKILL');
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    browser = undefined;
    await stopProcessGroup(server?.child);
    server = undefined;
  };
  const finish = async (code, reason) => {
    if (finished) return;
    finished = true;
    if (reason) console.error(`[e2e] ${reason}`);
    await cleanup();
    if (code === 0 && !opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
    else log(`temporary files kept in ${tmp} (server.log, user-data/logs, results/)`);
    log(`total ${seconds(t0)}`);
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `interrupted (${sig})`));
  // Last resort if we exit some other way: never leave the server (and its extension host) behind.
  process.on('exit', () => {
    const child = server?.child;
    if (child && child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGKILL');
    for (const c of activeChildren) killGroup(c, 'SIGKILL');
  });
  let globalTimer;

  try {
    // Installing has its own limits (each command 20 min); the global limit covers build and tests.
    await ensureDebianPackages(!installedCodeServer());
    await ensureCodeServer();
    globalTimer = setTimeout(() => finish(1, `global timeout of ${opts.timeout} s reached; stopping everything`), opts.timeout * 1000);
    await buildProject(opts);

    const testsIndex = path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

    const screenshotMode = opts.quickfixScreenshot ? 'quickfix' : opts.screenshot ? 'final' : undefined;
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
    Object.assign(env, {
      CS_E2E_RESULTS_DIR: resultsDir, // read by the suite inside the extension host (inherits this env)
      CS_E2E_UI_DIR: uiDir, // requests to look at or drive the workbench page (suite/ui.ts, serveUi below)
      ...(opts.shots ? { CS_E2E_SHOTS: '1' } : {}),
      ...(opts.testsDir ? { CS_E2E_TESTS_DIR: opts.testsDir } : {}),
      ...(opts.grep ? { CS_E2E_GREP: opts.grep } : {}),
      ...(screenshotMode ? { CS_E2E_SCREENSHOT_DIR: shotDir, CS_E2E_SCREENSHOT_MODE: screenshotMode } : {}),
    });
    server = await startServer(tmp, env, opts.verbose);
    server.child.on('exit', (code, signal) => {
      if (!finished) finish(1, `VS Code server exited unexpectedly (${signal ?? code}):\n${tail(server?.serverLog ?? '')}`);
    });

    const { chromium } = await import('playwright-core');
    const executablePath = process.env.CS_E2E_CHROMIUM || '/usr/bin/chromium';
    if (!fs.existsSync(executablePath)) throw new Error(`no browser at ${executablePath}`);
    browser = await chromium.launch({
      executablePath,
      // We stop the browser ourselves, after the server, on a signal.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 } });

    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      if (Array.isArray(logs)) {
        for (const entry of logs) {
          if (!entry || typeof entry.relativePath !== 'string') continue;
          const file = path.join(tmp, 'window-logs', entry.relativePath.replace(/\.\.+/g, '_'));
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, entry.contents ?? '');
        }
      }
      resolveExit(Number(code));
    });
    page.on('console', (msg) => {
      // The workbench logs as `%c INFO color: #33f <text>`; extension-host console output lands here too.
      if (opts.verbose) console.log(`[window:${msg.type()}] ${msg.text().replace(/^%c\s*(\w+)\s+color:\s*#\w+\s/, '$1 ')}`);
    });
    page.on('pageerror', (err) => {
      if (opts.verbose) console.log(`[window:pageerror] ${err.message}`);
    });
    page.on('crash', () => finish(1, 'the browser page crashed'));

    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(opts.extensionPath)],
      ['extensionTestsPath', remote(testsIndex)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`opening the workbench (${executablePath}) on ${workspace}`);
    stopFollowing = followFile(path.join(resultsDir, 'log.txt'));
    // A loaded machine (CI runners, shared hosts) can take longer than playwright's 30 s default.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });

    // Screenshot hand-over: the suite writes shot/ready once the window is set up, waits for shot/done.
    let shotTaken = false;
    const takeShot = async (file) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
      log(`screenshot written to ${path.relative(process.cwd(), file) || file}`);
    };
    const shotWatcher = setInterval(async () => {
      if (shotTaken || !screenshotMode || !fs.existsSync(path.join(shotDir, 'ready'))) return;
      shotTaken = true;
      try {
        await takeShot(opts.quickfixScreenshot ?? opts.screenshot);
      } catch (err) {
        console.error(`[e2e] screenshot failed: ${err.message}`);
      }
      fs.writeFileSync(path.join(shotDir, 'done'), '');
    }, 250);

    const stopUi = serveUi(page, uiDir, opts.shots);

    const code = await exited;
    clearInterval(shotWatcher);
    stopUi();
    stopFollowing();
    if (screenshotMode && !shotTaken) {
      // The suite never reached the hand-over (e.g. it crashed): still picture the final state.
      await takeShot(opts.quickfixScreenshot ?? opts.screenshot).catch((err) => console.error(`[e2e] screenshot failed: ${err.message}`));
    }
    if (opts.screenshot && opts.quickfixScreenshot) await takeShot(opts.screenshot).catch(() => {});

    exitCode = code;
    let summary;
    try {
      summary = JSON.parse(fs.readFileSync(path.join(resultsDir, 'results.json'), 'utf8'));
    } catch {}
    if (summary) {
      if (summary.failures?.length) {
        console.log('\nFailures:');
        summary.failures.forEach((f, i) => console.log(`  ${i + 1}) ${f.title}: ${String(f.error).split('\n')[0]}`));
      }
      if (exitCode === 0 && summary.failed > 0) exitCode = 1;
      log(`extension host exited with code ${code}`);
      console.log(`e2e: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    } else {
      log(`extension host exited with code ${code} but the suite wrote no results (did it load? see ${tmp}/window-logs)`);
      if (exitCode === 0) exitCode = 1;
      console.log('e2e: 0 passed, 1 failed');
    }
  } catch (err) {
    if (finished) return; // interrupted or timed out: finish() is already cleaning up
    console.error(`[e2e] ${err?.stack ?? err}`);
    exitCode = 1;
  }
  clearTimeout(globalTimer);
  await finish(exitCode);
}

main();
