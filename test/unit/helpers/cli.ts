import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The bundled CLI, as `npm install` leaves it (`npm test` builds it first). */
export const CLI = resolve(__dirname, '../../../../dist/cli.js');
export const REPO = resolve(__dirname, '../../../..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string;
  env?: Record<string, string | undefined>;
  uid?: number;
  gid?: number;
  /** Another copy of the CLI bundle to run. */
  cli?: string;
}

/** Runs `node dist/cli.js …` with colour settings removed from the environment, so output is plain unless a test asks. */
export function run(args: string[], options: RunOptions): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [options.cli ?? CLI, ...args], { cwd: options.cwd, env, uid: options.uid, gid: options.gid });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const temps: string[] = [];
process.on('exit', () => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A temporary folder holding `files` (path → content), removed when the test process ends. */
export function tempTree(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'cs-cli-'));
  chmodSync(root, 0o755);
  temps.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A temporary copy of the repository's `examples/`. */
export function examplesCopy(): string {
  const root = tempTree();
  cpSync(join(REPO, 'examples'), join(root, 'examples'), { recursive: true });
  return root;
}

/** Whether other users have `bits` (0o4 read, 0o1 execute) on `path` and may pass every folder on the way. */
export function othersMay(path: string, bits: number): boolean {
  let dir = dirname(path);
  if ((statSync(path).mode & bits) !== bits) return false;
  for (;;) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}
