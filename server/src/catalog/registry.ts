import { createHash } from 'node:crypto';
import { canonicalRepository } from '../engine';
import type { Credentials, CredentialStore } from './credentials';

/** Manifest media types we read, most specific first, as `docker pull` sends them. */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const MANIFEST_ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

/** Where a repository lives: `quay.io/cdis/x` → host `quay.io`, path `cdis/x`. */
export interface RepositoryAddress {
  /** As the profile (or `--image`) writes it. */
  name: string;
  /** Registry host (with port), as credentials are keyed: `docker.io` for Docker Hub. */
  registry: string;
  /** Host the API is served from (`registry-1.docker.io` for Docker Hub). */
  host: string;
  path: string;
}

export function addressOf(name: string): RepositoryAddress {
  const canonical = canonicalRepository(name);
  const slash = canonical.indexOf('/');
  const registry = canonical.slice(0, slash);
  // Repository paths are lower case; canonicalRepository lowers the host, and names are lower case by spec.
  return { name, registry, host: registry === 'docker.io' ? 'registry-1.docker.io' : registry, path: canonical.slice(slash + 1) };
}

/** `localhost`, `127.0.0.0/8` and `::1` are reached over plain HTTP, as Docker treats local registries. */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Manifest {
  digest: string;
  mediaType: string;
  json: any;
}

export interface RegistryOptions {
  credentials: CredentialStore;
  /** Most requests in flight at once, over all repositories. */
  concurrency?: number;
  /** Tags per page of `tags/list`. */
  pageSize?: number;
  /** Longest `Retry-After` we wait for, in seconds; a longer one fails the sync. */
  maxRetryAfter?: number;
  /** Attempts for a request answered 429 or 5xx. */
  attempts?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * A read-only OCI Distribution client: tags with pagination, manifests and blobs, with the
 * authentication registries use (anonymous or credentialed bearer tokens from the realm named by
 * `WWW-Authenticate`, or basic auth), `429`/`Retry-After`, and a bound on requests in flight.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly basic = new Set<string>();
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, for progress and tests. */
  requests = 0;

  constructor(private readonly options: RegistryOptions) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private base(address: RepositoryAddress): string {
    return `${isLoopback(address.host) ? 'http' : 'https'}://${address.host}`;
  }

  /** Every tag, following `Link: <…>; rel="next"` (or `last=` when a registry sends no Link). */
  async tags(address: RepositoryAddress): Promise<string[]> {
    const n = this.options.pageSize ?? 1000;
    const tags: string[] = [];
    let url: string | undefined = `${this.base(address)}/v2/${address.path}/tags/list?n=${n}`;
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url)) throw new RegistryError('the registry sent the same page of tags twice');
      seen.add(url);
      const response = await this.request(address, url, { accept: 'application/json' });
      const body = (await response.json()) as { tags?: unknown };
      const page = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
      tags.push(...page);
      const next = nextLink(response.headers.get('link'));
      if (next) url = new URL(next, url).toString();
      else url = undefined;
    }
    return [...new Set(tags)];
  }

  /** A manifest or index by tag or digest; its digest is computed from the bytes and checked against a requested digest. */
  async manifest(address: RepositoryAddress, reference: string): Promise<Manifest> {
    const response = await this.request(address, `${this.base(address)}/v2/${address.path}/manifests/${encodeURIComponent(reference)}`, {
      accept: MANIFEST_ACCEPT,
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (reference.startsWith('sha256:') && reference !== digest) throw new RegistryError(`manifest ${reference} has digest ${digest}`);
    let json: any;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError(`the manifest of '${reference}' is not JSON`);
    }
    const mediaType = String(json.mediaType ?? response.headers.get('content-type')?.split(';')[0] ?? '');
    return { digest, mediaType, json };
  }

  /** The digest a tag points at now, by `HEAD` (cheap, and not counted by Docker Hub's pull limit). */
  async digestOf(address: RepositoryAddress, tag: string): Promise<string | undefined> {
    const response = await this.request(address, `${this.base(address)}/v2/${address.path}/manifests/${encodeURIComponent(tag)}`, {
      accept: MANIFEST_ACCEPT,
      method: 'HEAD',
    });
    const digest = response.headers.get('docker-content-digest') ?? undefined;
    return digest && /^sha256:[a-f0-9]{64}$/.test(digest) ? digest : undefined;
  }

  /** A JSON blob (an image configuration), checked against its digest. */
  async blobJson(address: RepositoryAddress, digest: string): Promise<any> {
    const response = await this.request(address, `${this.base(address)}/v2/${address.path}/blobs/${digest}`, { accept: '*/*' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (digest.startsWith('sha256:') && actual !== digest) throw new RegistryError(`blob ${digest} has digest ${actual}`);
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError(`the image configuration ${digest} is not JSON`);
    }
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    const limit = Math.max(1, this.options.concurrency ?? 4);
    while (this.active >= limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private scopeKey(address: RepositoryAddress): string {
    return `${address.host}/${address.path}`;
  }

  /** GET (or HEAD) with authentication, retries on 429/5xx, and errors that say what the registry answered. */
  private async request(address: RepositoryAddress, url: string, init: { accept: string; method?: string }): Promise<Response> {
    const attempts = this.options.attempts ?? 4;
    let authTried = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { accept: init.accept, 'user-agent': 'container-standards catalog sync' };
      const auth = await this.authorization(address);
      if (auth) headers.authorization = auth;
      const response = await this.slot(() => this.send(url, init.method ?? 'GET', headers));
      if (response.ok) return response;
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 401 && !authTried) {
        authTried = true;
        if (await this.authenticate(address, response.headers.get('www-authenticate'))) {
          attempt--;
          continue;
        }
      }
      if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
        const wait = retryAfter(response.headers.get('retry-after'), attempt);
        if (wait > (this.options.maxRetryAfter ?? 60)) {
          throw new RegistryError(`the registry asks to wait ${Math.round(wait)} s (Retry-After) before more requests; try again later`, response.status);
        }
        await this.sleep(wait * 1000);
        continue;
      }
      throw new RegistryError(describeStatus(response.status, address, url), response.status);
    }
  }

  private async send(url: string, method: string, headers: Record<string, string>): Promise<Response> {
    this.requests++;
    try {
      return await this.fetch(url, { method, headers, redirect: 'follow', signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new RegistryError(`cannot reach ${new URL(url).host}: ${why}`);
    }
  }

  private async authorization(address: RepositoryAddress): Promise<string | undefined> {
    const token = this.tokens.get(this.scopeKey(address));
    if (token) return `Bearer ${token}`;
    if (this.basic.has(address.registry)) {
      const creds = await this.options.credentials.get(address.registry);
      if (creds && creds.username !== '<token>') return `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}`;
    }
    return undefined;
  }

  /** Answers a 401: fetches a bearer token from the named realm, or switches to basic auth. */
  private async authenticate(address: RepositoryAddress, header: string | null): Promise<boolean> {
    const challenge = header ? parseChallenge(header) : undefined;
    if (!challenge) return false;
    const creds = await this.options.credentials.get(address.registry);
    if (challenge.scheme === 'basic') {
      if (!creds || creds.username === '<token>') return false;
      this.basic.add(address.registry);
      return true;
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) return false;
    const realm = new URL(challenge.params.realm);
    // Credentials go only to a realm over HTTPS, or to one on this machine.
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopback(realm.host))) {
      throw new RegistryError(`the registry names a token service over plain HTTP (${realm.origin}); refusing to use it`);
    }
    const scope = `repository:${address.path}:pull`;
    const token = await this.fetchToken(realm, challenge.params.service, scope, creds);
    this.tokens.set(this.scopeKey(address), token);
    return true;
  }

  private async fetchToken(realm: URL, service: string | undefined, scope: string, creds: Credentials | undefined): Promise<string> {
    let response: Response;
    if (creds?.username === '<token>') {
      // An identity token (from `docker login` with a helper): OAuth2 refresh-token grant.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.secret, scope, client_id: 'container-standards' });
      if (service) form.set('service', service);
      response = await this.slot(() => this.sendForm(realm.toString(), form));
    } else {
      const url = new URL(realm);
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'container-standards catalog sync' };
      if (creds) headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}`;
      response = await this.slot(() => this.send(url.toString(), 'GET', headers));
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const hint =
        response.status === 401 || response.status === 403 ? (creds ? ': the credentials were refused' : ': it needs credentials (docker login)') : '';
      throw new RegistryError(`the token service ${realm.host} answered ${response.status}${hint}`, response.status);
    }
    const body = (await response.json()) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : undefined;
    if (!token) throw new RegistryError(`the token service ${realm.host} sent no token`);
    return token;
  }

  private async sendForm(url: string, form: URLSearchParams): Promise<Response> {
    this.requests++;
    try {
      return await this.fetch(url, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new RegistryError(`cannot reach ${new URL(url).host}: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
    }
  }
}

/** `<url>; rel="next"` from a Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /\brel="?next"?/i.test(m[2])) return m[1];
  }
  return undefined;
}

/** `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let p = re.exec(m[2]); p; p = re.exec(m[2])) params[p[1].toLowerCase()] = (p[2] ?? p[3]).replace(/\\(.)/g, '$1');
  return { scheme: m[1].toLowerCase(), params };
}

/** Seconds to wait: `Retry-After` in seconds or as an HTTP date, else a short growing pause. */
export function retryAfter(header: string | null, attempt: number, now = Date.now()): number {
  if (header) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim());
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, (at - now) / 1000);
  }
  return Math.min(8, 0.5 * 2 ** (attempt - 1));
}

function describeStatus(status: number, address: RepositoryAddress, url: string): string {
  const what = url.includes('/tags/list') ? 'the tag list' : url.includes('/blobs/') ? 'an image configuration' : 'a manifest';
  if (status === 401)
    return `the registry answered 401 Unauthorized for ${what}: it needs credentials (docker login ${address.registry}, or a credential helper in ~/.docker/config.json)`;
  if (status === 403) return `the registry answered 403 Forbidden for ${what}: the credentials may not read ${address.path}`;
  if (status === 404)
    return url.includes('/tags/list')
      ? `the registry answered 404: no repository '${address.path}' on ${address.host}`
      : `the registry answered 404 for ${what}`;
  if (status === 429) return 'the registry answered 429 Too Many Requests and kept doing so; try again later';
  return `the registry answered ${status} for ${what}`;
}
