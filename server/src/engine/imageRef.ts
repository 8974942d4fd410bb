/**
 * Image references as Docker reads them: `[registry/]path[:tag][@digest]`. Names are compared in their
 * canonical form, so `python`, `library/python` and `docker.io/library/python` are one repository, and a
 * repository on another registry or with a longer name is a different one.
 */
export interface ImageRef {
  /** As written (after ARG substitution). */
  text: string;
  /** Repository as written, without tag or digest. */
  repository: string;
  tag?: string;
  digest?: string;
  /** Offsets into `text`. */
  repositorySpan: [number, number];
  tagSpan?: [number, number];
  digestSpan?: [number, number];
}

const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | undefined;
  let digestSpan: [number, number] | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestSpan = [at + 1, text.length];
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  let tagSpan: [number, number] | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    tagSpan = [colon + 1, rest.length];
    rest = rest.slice(0, colon);
  }
  return { text, repository: rest, tag, digest, repositorySpan: [0, rest.length], tagSpan, digestSpan };
}

/** Names already made canonical: every stage asks several times (repository, mirror, retired, lock). */
const canonicalNames = new Map<string, string>();

/** `python` → `docker.io/library/python`; registry host names compare case-insensitively. */
export function canonicalRepository(repository: string): string {
  let canonical = canonicalNames.get(repository);
  if (canonical === undefined) {
    // Bounded: names come from the files being checked.
    if (canonicalNames.size >= 4096) canonicalNames.clear();
    canonical = canonicalOf(repository);
    canonicalNames.set(repository, canonical);
  }
  return canonical;
}

function canonicalOf(repository: string): string {
  const parts = repository.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) {
    if (parts.length === 1) parts.unshift('library');
    return [DOCKER_HUB, ...parts].join('/').toLowerCase();
  }
  const host = HUB_ALIASES.has(first.toLowerCase()) ? DOCKER_HUB : first.toLowerCase();
  const path = parts.slice(1);
  if (host === DOCKER_HUB && path.length === 1) path.unshift('library');
  return [host, ...path].join('/').toLowerCase();
}

/** Splits `repo:tag` the same way a FROM line is read; used for profile entries. */
export function splitImage(image: string): { repository: string; tag?: string } {
  const ref = parseImageRef(image);
  return { repository: ref.repository, tag: ref.tag };
}
