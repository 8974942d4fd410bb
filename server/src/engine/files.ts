import type { Language } from './types';

// Names that start or end like a Dockerfile but are something else: documentation, data, scripts,
// editor leftovers, and BuildKit's per-Dockerfile ignore file (`Dockerfile.dockerignore`).
const NOT_DOCKERFILE = /\.(dockerignore|md|rst|txt|json|ya?ml|toml|ini|cfg|sh|bash|ps1|bat|js|mjs|cjs|ts|go|rb|java|orig|rej|swp|patch|diff)$|~$/;

/**
 * Which rules a file gets, by its name alone: `Dockerfile*`, `*Dockerfile`, `Containerfile*` and
 * `*.Containerfile` in any letter case (`DockerfileShib`, `TestDockerfile`, `api.dockerfile`), and
 * `*.py`/`*.pyi`. `undefined` when the name does not tell.
 */
export function languageOf(path: string): Language | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  const lower = base.toLowerCase();
  if (lower.endsWith('.py') || lower.endsWith('.pyi')) return 'python';
  if (NOT_DOCKERFILE.test(lower)) return undefined;
  if (lower.startsWith('dockerfile') || lower.endsWith('dockerfile') || lower.startsWith('containerfile') || lower.endsWith('.containerfile'))
    return 'dockerfile';
  return undefined;
}

/**
 * Whether a text whose name does not tell is a Dockerfile: its first instruction is FROM or ARG or it
 * opens with a parser directive (`# syntax=…`, `# escape=…`, `# check=…`). Python's `from x import y` is
 * not mistaken for FROM.
 */
export function looksLikeDockerfile(text: string): boolean {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\r|\n/);
  let first = true;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      first = false;
      continue;
    }
    if (line.startsWith('#')) {
      // Parser directives come before anything else, blank lines included.
      if (first && /^#\s*(syntax|escape|check)\s*=/i.test(line)) return true;
      first = false;
      continue;
    }
    const word = /^(\w+)\b/.exec(line)?.[1]?.toUpperCase();
    if (word === 'ARG') return /^arg\s+[A-Za-z_][\w]*\s*(=|$)/i.test(line);
    if (word === 'FROM') return !/^from\s+[\w.]+\s+import\b/i.test(line) && /^from\s+\S/i.test(line);
    return false;
  }
  return false;
}
