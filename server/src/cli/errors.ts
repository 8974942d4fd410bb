/**
 * A problem with how the CLI was called or with its input (exit code 2). The user sees one line:
 * `container-standards: <problem>; <remedy>`.
 */
export class CliError extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem}; ${remedy}`);
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The system's reason for a failed file operation, without Node's `ENOENT: ..., open '<path>'` noise. */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return oneLine(e.message ?? String(error));
  }
}
