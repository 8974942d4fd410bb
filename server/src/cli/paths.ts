import { isAbsolute, relative, sep } from 'node:path';

/** `path` relative to `cwd` when it lies inside it, else `undefined`. */
export function inside(cwd: string, path: string): string | undefined {
  const rel = relative(cwd, path);
  return rel && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? rel : undefined;
}

/** How a path is shown to the user: relative to the working directory when inside it. */
export function shownPath(cwd: string, path: string): string {
  return inside(cwd, path) ?? path;
}
