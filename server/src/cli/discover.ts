import { readdirSync, realpathSync, statSync, existsSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { languageOf, type Language } from '../engine';
import { CliError, reason } from './errors';

export interface Target {
  /** Absolute path as reached (not resolved through symlinks, so reports name what the user sees). */
  path: string;
  /** `undefined` for a named file whose name does not tell: its first instruction decides. */
  language: Language | undefined;
}

export interface DiscoverOptions {
  /** Folders a scan leaves out: the config's `exclude`, .gitignore. */
  skipsFolder?(dir: string): boolean;
  /** Files a scan leaves out, silently (the same lists). */
  skipsFile?(path: string): boolean;
  /** `--language`: every file found or named is this kind; a scan still picks files by name. */
  forced?: Language;
}

/**
 * Directories never searched: dependencies, version control, caches and tool folders (hidden ones such
 * as `.venv`, `.tox`, `.devcontainer`), and Python virtual environments by any name. Naming such a
 * folder on the command line checks it all the same.
 */
function skipped(dir: string, name: string): boolean {
  if (name === 'node_modules' || name === '__pycache__' || name.startsWith('.')) return true;
  return existsSync(join(dir, name, 'pyvenv.cfg'));
}

/** BuildKit's per-Dockerfile ignore files (`Dockerfile.dockerignore`) share the Dockerfile's name prefix. */
function isIgnoreFile(name: string): boolean {
  return name.toLowerCase().endsWith('.dockerignore');
}

/**
 * The files to check, in a stable order: the paths in the order given, each folder's entries sorted by
 * name. Symlinks are followed inside the folder given, but every real folder is entered once, so a link
 * loop ends; a link that leads out of the folder given is skipped with a notice.
 */
export function discover(paths: string[], cwd: string, onSkip?: (path: string, why?: string) => void, options: DiscoverOptions = {}): Target[] {
  return [...discoverEach(paths, cwd, onSkip, options)];
}

/**
 * `discover`, one file at a time: each file is yielded as soon as it is found, so a check can start on
 * the first before the last folder is read (the order is the same). Every named path is looked at first,
 * so a missing one stops the run before any file is checked.
 */
export function* discoverEach(
  paths: string[],
  cwd: string,
  onSkip?: (path: string, why?: string) => void,
  options: DiscoverOptions = {},
): Generator<Target, void, undefined> {
  const found = new Set<string>();
  const entered = new Set<string>();
  /** The real path of the folder being scanned: a link found in it may not lead out of it. */
  let root = '';
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

  function* walk(dir: string): Generator<Target, void, undefined> {
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      if (entered.has(real)) return;
      entered.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new CliError(`cannot read folder '${dir}': ${reason(e)}`, 'check its permissions or leave it out');
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
          real = realpathSync(path);
        } catch {
          continue; // a dangling link names nothing to check
        }
        // A repository's link to /proc/self/environ, a home folder or a file of another project is not
        // the repository's: its content must not reach a CI log. Named on the command line, it is checked.
        if (!inside(real)) {
          if (isDir || languageOf(entry.name)) onSkip?.(path, 'it links outside the folder being checked');
          continue;
        }
      }
      // A device, FIFO or socket (or a link to one) named like a source file is never opened.
      if (!isDir && !isFile && languageOf(entry.name)) onSkip?.(path);
      if (isDir && !skipped(dir, entry.name) && !options.skipsFolder?.(path)) yield* walk(path);
      else if (isFile && !isIgnoreFile(entry.name)) {
        const language = languageOf(entry.name);
        if (language && !found.has(path) && !options.skipsFile?.(path)) {
          found.add(path);
          yield { path, language: options.forced ?? language };
        }
      }
    }
  }

  const given = paths.map((name) => {
    const path = resolve(cwd, name);
    try {
      return { path, isDirectory: statSync(path).isDirectory() };
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      throw new CliError(
        missing ? `no such file or folder '${name}'` : `cannot read '${name}': ${reason(e)}`,
        missing ? 'check the path' : 'check its permissions',
      );
    }
  });
  for (const { path, isDirectory } of given) {
    if (isDirectory) {
      root = realpathSync(path);
      yield* walk(path);
      continue;
    }
    // A named file is checked whatever its name; when the name does not tell, its content will.
    if (!found.has(path)) {
      found.add(path);
      yield { path, language: options.forced ?? languageOf(path) };
    }
  }
}
