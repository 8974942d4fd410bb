import type { Command } from './shell';

/**
 * The paths a RUN's commands write, as far as their words tell: the targets of common file commands,
 * redirections, and tools that write into the current folder (`npm ci`, `uv sync`, `pip install -e`,
 * virtual environments). Relative paths start at the WORKDIR (`cwd`), or at a `cd` earlier in the same
 * RUN; a path that depends on a variable, or a relative one where the folder is unknown, is left out —
 * the caller reports only what it can show.
 */
export function writtenPaths(commands: Command[], workdir: string | undefined): { path: string; command: string }[] {
  const out: { path: string; command: string }[] = [];
  let cwd = workdir;
  for (const command of commands) {
    const name = command.name?.value;
    if (!name) continue;
    const args = command.words.slice(command.nameIndex + 1).map((w) => w.value);
    const add = (p: string | undefined) => {
      const path = p === undefined ? undefined : resolvePath(p, cwd);
      if (path) out.push({ path, command: name });
    };
    for (const [i, a] of args.entries()) {
      if (a === '>' || a === '>>' || a === '1>' || a === '2>') add(args[i + 1]);
      else if (/^[12]?>>?[^>&]/.test(a)) add(a.replace(/^[12]?>>?/, ''));
    }
    const plain = operands(name, args);
    if (name === 'cd') {
      cwd = plain.length ? resolvePath(plain[0], cwd) : undefined;
    } else if (['mkdir', 'touch', 'rm', 'rmdir', 'tee', 'truncate'].includes(name)) {
      plain.forEach(add);
    } else if (['chmod', 'chown', 'chgrp'].includes(name)) {
      plain.slice(1).forEach(add);
    } else if (['cp', 'mv', 'ln', 'install', 'rsync'].includes(name)) {
      const target = optionValue(args, '-t', '--target-directory');
      add(target ?? (plain.length > 1 ? plain[plain.length - 1] : undefined));
    } else if (name === 'sed' && args.some((a) => a.startsWith('-i') || a.startsWith('--in-place'))) {
      const scripted = args.some((a) => a === '-e' || a === '-f' || a.startsWith('--expression') || a.startsWith('--file'));
      (scripted ? plain : plain.slice(1)).forEach(add);
    } else if (/^python[0-9.]*$/.test(name) && args[0] === '-m' && args[1] === 'venv') {
      add(operands('venv', args.slice(2))[0]);
    } else if (name === 'virtualenv' || (name === 'uv' && args[0] === 'venv')) {
      add(operands('venv', name === 'uv' ? args.slice(1) : args)[0] ?? '.venv');
    } else if (name === 'uv' && args[0] === 'sync') {
      add('.venv');
    } else if ((name === 'npm' && ['ci', 'install', 'i'].includes(args[0])) || (name === 'yarn' && (args.length === 0 || args[0] === 'install'))) {
      add('node_modules');
    } else if (/^pip[0-9.]*$/.test(name) && args[0] === 'install') {
      add(optionValue(args, '-t', '--target'));
      const editable = optionValue(args, '-e', '--editable');
      if (editable && !editable.includes('://') && !editable.startsWith('git+')) add(editable);
    }
  }
  return out;
}

/** Options of these commands that take a value, so it is not read as a path. */
const VALUE_OPTIONS: Record<string, string[]> = {
  mkdir: ['-m', '--mode'],
  install: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix'],
  cp: ['-t', '--target-directory', '-S', '--suffix'],
  mv: ['-t', '--target-directory', '-S', '--suffix'],
  ln: ['-t', '--target-directory', '-S', '--suffix'],
  touch: ['-d', '--date', '-t', '-r', '--reference'],
  truncate: ['-s', '--size', '-r', '--reference'],
  sed: ['-e', '--expression', '-f', '--file', '-l', '--line-length'],
  rsync: ['-e', '--rsh', '--exclude', '--include', '--chown', '--chmod'],
  venv: ['--prompt', '-p', '--python'],
};

/** The words that are not options (nor option values), up to a redirection. */
function operands(name: string, args: string[]): string[] {
  const takesValue = VALUE_OPTIONS[name] ?? [];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^[12]?>/.test(a) || a === '<') break;
    if (a.startsWith('-') && a !== '-') {
      if (takesValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function optionValue(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === short || args[i] === long) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
  }
  return undefined;
}

/**
 * An absolute, normalised path (`/app/data`), or `undefined` when it depends on a variable, the home
 * folder, or an unknown current folder. A glob keeps the folders before its first wildcard.
 */
export function resolvePath(path: string, cwd: string | undefined): string | undefined {
  if (!path || path.includes('$') || path.startsWith('~') || path.includes('://')) return undefined;
  const glob = path.search(/[*?[]/);
  if (glob >= 0) path = path.slice(0, path.lastIndexOf('/', glob) + 1) || '.';
  if (!path.startsWith('/')) {
    if (cwd === undefined) return undefined;
    path = `${cwd}/${path}`;
  }
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether `path` is `folder` or lies inside it. */
export function within(path: string, folder: string): boolean {
  return path === folder || folder === '/' || path.startsWith(`${folder}/`);
}
