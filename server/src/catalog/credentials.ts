import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  /** `<token>` when `secret` is an identity (refresh) token, as credential helpers report it. */
  username: string;
  secret: string;
}

export interface CredentialStore {
  get(registry: string): Promise<Credentials | undefined>;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const HUB_KEY = 'https://index.docker.io/v1/';

/** `https://quay.io/v1/` → `quay.io`; Docker Hub's keys → `docker.io`. */
function hostOfKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]
    .toLowerCase();
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io', 'registry.hub.docker.com'].includes(host) ? 'docker.io' : host;
}

/**
 * Credentials as `docker` keeps them: `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`),
 * per-registry `credHelpers`, the `credsStore` helper, then `auths`. Helpers are the
 * `docker-credential-<name>` programs on PATH, asked once per registry.
 */
export class DockerCredentials implements CredentialStore {
  private readonly cache = new Map<string, Promise<Credentials | undefined>>();
  private readonly config: DockerConfig;

  constructor(
    env: NodeJS.ProcessEnv = process.env,
    private readonly runHelper = helperGet,
  ) {
    const dir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
    this.config = readConfig(join(dir, 'config.json'));
  }

  get(registry: string): Promise<Credentials | undefined> {
    let pending = this.cache.get(registry);
    if (!pending) {
      pending = this.lookup(registry);
      this.cache.set(registry, pending);
    }
    return pending;
  }

  private async lookup(registry: string): Promise<Credentials | undefined> {
    const { auths = {}, credHelpers = {}, credsStore } = this.config;
    const helperKey = Object.keys(credHelpers).find((k) => hostOfKey(k) === registry);
    const helper = helperKey ? credHelpers[helperKey] : credsStore;
    if (helper) {
      // Docker Hub is stored under its v1 address by `docker login`.
      const server = registry === 'docker.io' ? HUB_KEY : (helperKey ?? registry);
      const found = await this.runHelper(helper, server);
      if (found) return found;
    }
    const key = Object.keys(auths).find((k) => hostOfKey(k) === registry);
    const entry = key ? auths[key] : undefined;
    if (!entry) return undefined;
    if (entry.identitytoken) return { username: '<token>', secret: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, secret: entry.password };
    return undefined;
  }
}

function readConfig(path: string): DockerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const data = JSON.parse(text);
    return typeof data === 'object' && data !== null ? (data as DockerConfig) : {};
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
}

/**
 * Runs `docker-credential-<helper> get` with the server address on standard input, as Docker does.
 * A helper that knows no credentials for the server exits non-zero: that is "none", not an error.
 */
export function helperGet(helper: string, server: string): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return Promise.reject(new Error(`credential helper name '${helper}' is not valid`));
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, ['get'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill(), 30_000);
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.resume();
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run docker-credential-${helper}: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return resolve(undefined);
      try {
        const data = JSON.parse(out) as { Username?: string; Secret?: string };
        resolve(data.Secret ? { username: data.Username ?? '', secret: data.Secret } : undefined);
      } catch {
        reject(new Error(`docker-credential-${helper} printed no JSON`));
      }
    });
    child.stdin.end(server);
  });
}
