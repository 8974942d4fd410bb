import type { Language } from './types';

/** Which rules a file gets, by its name alone: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`, `*.py`. */
export function languageOf(path: string): Language | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  const lower = base.toLowerCase();
  // `Dockerfile.dockerignore` is the ignore file BuildKit pairs with a Dockerfile, not a Dockerfile.
  if (lower.endsWith('.dockerignore')) return undefined;
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile' || lower.startsWith('containerfile.')) {
    return 'dockerfile';
  }
  if (lower.endsWith('.py') || lower.endsWith('.pyi')) return 'python';
  return undefined;
}
