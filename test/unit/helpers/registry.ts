/**
 * A real OCI registry for tests: the CNCF distribution registry from Debian's `docker-registry`
 * package, on 127.0.0.1 with a free port and a temporary storage folder.
 *
 * By hand (from the repository root, after `npm run compile-tests`):
 *   node -e "require('./out/test/unit/helpers/registry').runByHand()"
 * starts one, pushes a small sample repository, prints its address and stops on Ctrl-C.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Installs Debian's docker-registry when it is missing and we may (root); fails loudly otherwise. */
export function ensureRegistryBinary(): string {
  if (existsSync(REGISTRY_BINARY)) return REGISTRY_BINARY;
  if (process.getuid?.() === 0) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'docker-registry', 'openssl'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(REGISTRY_BINARY)) throw new Error(`${REGISTRY_BINARY} is missing: run 'apt-get install docker-registry' (.ci/run does)`);
  return REGISTRY_BINARY;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type RegistryAuth =
  | { kind: 'none' }
  /** bcrypt htpasswd lines (`user:$2b$…`): the registry supports only bcrypt. */
  | { kind: 'htpasswd'; htpasswd: string }
  /** Bearer tokens from a realm; use `startTokenServer` for one. */
  | { kind: 'token'; realm: string; service: string; issuer: string; certificate: string };

export interface Registry {
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  storage: string;
  stop(): Promise<void>;
}

/** Starts a registry; `storage` lets a second registry (say, with auth) serve what the first was given. */
export async function startRegistry(options: { auth?: RegistryAuth; storage?: string } = {}): Promise<Registry> {
  const binary = ensureRegistryBinary();
  const dir = mkdtempSync(join(tmpdir(), 'cs-registry-'));
  const storage = options.storage ?? join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  const port = await freePort();
  const auth = options.auth ?? { kind: 'none' };
  let authYaml = '';
  if (auth.kind === 'htpasswd') {
    writeFileSync(join(dir, 'htpasswd'), auth.htpasswd);
    authYaml = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth.kind === 'token') {
    writeFileSync(join(dir, 'token.pem'), auth.certificate);
    authYaml = `auth:\n  token:\n    realm: ${auth.realm}\n    service: ${auth.service}\n    issuer: ${auth.issuer}\n    rootcertbundle: ${join(dir, 'token.pem')}\n`;
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storage}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    authYaml,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const child = spawn(binary, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  const host = `127.0.0.1:${port}`;
  try {
    await waitUntilUp(host, child, () => stderr);
  } catch (e) {
    child.kill();
    throw e;
  }
  return {
    host,
    port,
    storage,
    stop: () => stopProcess(child).then(() => rmSync(dir, { recursive: true, force: true })),
  };
}

async function waitUntilUp(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr().slice(-500)}`);
    try {
      const r = await fetch(`http://${host}/v2/`);
      await r.body?.cancel();
      if (r.status === 200 || r.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not start on ${host}: ${stderr().slice(-500)}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

// ---- pushing through the HTTP API -----------------------------------------------------------------

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function must(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

/** Uploads a blob (monolithic: POST for an upload, PUT with its digest). */
export async function pushBlob(host: string, repo: string, data: Buffer | string, headers: Record<string, string> = {}): Promise<string> {
  const digest = sha256(data);
  const start = await must(await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers }), `start upload to ${repo}`);
  const location = new URL(start.headers.get('location')!, `http://${host}`);
  location.searchParams.set('digest', digest);
  await must(await fetch(location, { method: 'PUT', body: data, headers: { ...headers, 'content-type': 'application/octet-stream' } }), `upload ${digest}`);
  return digest;
}

export async function putManifest(
  host: string,
  repo: string,
  reference: string,
  manifest: object,
  mediaType: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const body = JSON.stringify(manifest);
  await must(
    await fetch(`http://${host}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body, headers: { ...headers, 'content-type': mediaType } }),
    `put manifest ${repo}:${reference}`,
  );
  return sha256(body);
}

export interface ImageSpec {
  user?: string;
  env?: string[];
  labels?: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  architecture?: string;
}

/** One platform image: a config blob, one small layer, an OCI manifest. Returns the manifest's digest and size. */
export async function pushImage(host: string, repo: string, spec: ImageSpec, tag?: string): Promise<{ digest: string; size: number }> {
  const layer = Buffer.from(`layer ${randomBytes(8).toString('hex')}`);
  const layerDigest = await pushBlob(host, repo, layer);
  const config = JSON.stringify({
    architecture: spec.architecture ?? 'amd64',
    os: 'linux',
    config: { User: spec.user ?? '', Env: spec.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'], Labels: spec.labels, Cmd: spec.cmd, Entrypoint: spec.entrypoint },
    rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
  });
  const configDigest = await pushBlob(host, repo, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: Buffer.byteLength(config) },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
  };
  const body = JSON.stringify(manifest);
  const digest = await putManifest(host, repo, tag ?? sha256(body), manifest, manifest.mediaType);
  return { digest, size: Buffer.byteLength(body) };
}

/** A multi-platform image index (amd64 + arm64) under each of `tags`. Returns the index digest. */
export async function pushIndex(host: string, repo: string, spec: ImageSpec, tags: string[]): Promise<{ digest: string; platforms: Record<string, string> }> {
  const amd = await pushImage(host, repo, { ...spec, architecture: 'amd64' });
  const arm = await pushImage(host, repo, { ...spec, architecture: 'arm64' });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd.digest, size: amd.size, platform: { os: 'linux', architecture: 'amd64' } },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: arm.digest,
        size: arm.size,
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      },
    ],
  };
  let digest = '';
  for (const tag of tags) digest = await putManifest(host, repo, tag, index, index.mediaType);
  return { digest, platforms: { 'linux/amd64': amd.digest, 'linux/arm64/v8': arm.digest } };
}

/** Deletes a manifest by digest, which removes the tags pointing at it. */
export async function deleteManifest(host: string, repo: string, digest: string): Promise<void> {
  await must(await fetch(`http://${host}/v2/${repo}/manifests/${digest}`, { method: 'DELETE' }), `delete ${repo}@${digest}`);
}

// ---- a bearer token service and a fault-injecting proxy ---------------------------------------------

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certificate: string;
  /** Token requests seen, with the Authorization header they carried. */
  requests: Array<{ scope: string | null; authorization?: string }>;
  stop(): Promise<void>;
}

/**
 * A token endpoint as quay.io and Docker Hub run one: GET realm?service=…&scope=… answers a JWT signed
 * with a key whose self-signed certificate the registry trusts. With `user`/`password`, requests need
 * basic auth; otherwise anonymous pull tokens are given.
 */
export async function startTokenServer(options: { user?: string; password?: string } = {}): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-token-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=container-standards test token',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const der = Buffer.from(certificate.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('base64');
  const service = 'test-registry';
  const issuer = 'test-issuer';
  const requests: TokenServer['requests'] = [];
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const scope = url.searchParams.get('scope');
    requests.push({ scope, authorization: req.headers.authorization });
    if (options.user) {
      const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
    }
    const [, name, actions] = (scope ?? '').split(':');
    const now = Math.floor(Date.now() / 1000);
    const header = b64({ alg: 'RS256', typ: 'JWT', x5c: [der] });
    const claims = b64({
      iss: issuer,
      sub: options.user ?? '',
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access: name ? [{ type: 'repository', name, actions: (actions ?? 'pull').split(',') }] : [],
    });
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key).toString('base64url');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${signature}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certificate,
    requests,
    stop: () => closeServer(server).then(() => rmSync(dir, { recursive: true, force: true })),
  };
}

export interface Proxy {
  host: string;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  stop(): Promise<void>;
}

/**
 * Forwards to `target`, except where `fault` answers first (429 with Retry-After, a 500, …): for the
 * failures a real registry will not produce on demand.
 */
export async function startProxy(target: string, fault: (req: IncomingMessage, res: ServerResponse) => boolean = () => false): Promise<Proxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (fault(req, res)) return;
    const upstream = httpRequest(`http://${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: target } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { host: `127.0.0.1:${port}`, seen, stop: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((r) => {
    server.closeAllConnections?.();
    server.close(() => r());
  });
}

/** Starts a registry with a sample repository and waits for Ctrl-C: for trying `catalog sync` by hand. */
export async function runByHand(): Promise<void> {
  const registry = await startRegistry();
  await pushIndex(registry.host, 'cdis/amazonlinux-base', { user: 'gen3', env: ['PATH=/venv/bin:/usr/bin', 'PYTHON_VERSION=3.13.5'] }, [
    '3.13-pythonbase',
    '3.13-pythonnginx',
  ]);
  await pushImage(registry.host, 'cdis/amazonlinux-base', { user: '' }, '3.13-buildbase');
  process.stdout.write(
    `registry on http://${registry.host} (storage ${registry.storage}); repository ${registry.host}/cdis/amazonlinux-base\nCtrl-C stops it.\n`,
  );
  process.once('SIGINT', () => void registry.stop().then(() => process.exit(0)));
}
