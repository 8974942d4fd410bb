import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseLock, type CatalogLock } from '../../../server/src/engine';
import { DockerCredentials } from '../../../server/src/catalog/credentials';
import { RegistryClient } from '../../../server/src/catalog/registry';
import { syncCatalog } from '../../../server/src/catalog/sync';
import { REPO, run, tempTree } from '../helpers/cli';
import { deleteManifest, pushImage, pushIndex, startProxy, startRegistry, startTokenServer, type Registry } from '../helpers/registry';

// Tests against a real registry (Debian's docker-registry), started on 127.0.0.1 for this file.

const REPO_PATH = 'cdis/amazonlinux-base';
/** bcrypt (cost 4) of 'catalog-test-password': the registry's htpasswd supports only bcrypt. */
const HTPASSWD = 'ci:$2b$04$3H9E6F4ZM6zRvVww41qameDDnQfWGpAJVIO74nMlKM7M.lumouFPW\n';
const PASSWORD = 'catalog-test-password';

/** The Gen3 profile pointed at a registry on this machine. */
function localProfile(host: string, repository = `${host}/${REPO_PATH}`): string {
  const gen3 = JSON.parse(readFileSync(join(REPO, 'profiles/gen3.json'), 'utf8'));
  const repo = { ...gen3.repositories[0], name: repository, mirrors: undefined };
  return JSON.stringify({ ...gen3, id: 'local', repositories: [repo], recommendations: { default: `${repository}:3.13-pythonbase` }, retired: [] });
}

/** A project folder whose .container-standards.json chooses the local profile; HOME has no Docker credentials. */
function project(host: string, files: Record<string, string> = {}, repository?: string): { dir: string; env: Record<string, string> } {
  const dir = tempTree({
    'local.profile.json': localProfile(host, repository),
    '.container-standards.json': '{ "profile": "./local.profile.json" }\n',
    'home/.keep': '',
    ...files,
  });
  return { dir, env: { HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'home', '.docker') } };
}

const lockOf = (dir: string) => readFileSync(join(dir, 'container-standards.lock.json'), 'utf8');

describe('catalog sync against a real registry', () => {
  let registry: Registry;
  let index: { digest: string; platforms: Record<string, string> };
  let buildbase: string;

  before(async () => {
    registry = await startRegistry();
    index = await pushIndex(
      registry.host,
      REPO_PATH,
      {
        user: 'gen3',
        env: ['PATH=/venv/bin:/usr/bin:/bin', 'PYTHON_VERSION=3.13.5'],
        labels: { 'org.opencontainers.image.source': 'base-images' },
        cmd: ['gunicorn', 'app:app'],
      },
      ['3.13-pythonbase', '3.13-pythonnginx'],
    );
    buildbase = (await pushImage(registry.host, REPO_PATH, { user: '', env: ['PATH=/usr/bin:/bin'] }, '3.13-buildbase')).digest;
    for (const t of ['feat_a-3.13-pythonbase', 'feat_b-3.13-pythonbase', 'hardened']) await pushImage(registry.host, REPO_PATH, { user: '' }, t);
  });
  after(() => registry?.stop());

  it('writes a sorted lock with digests, platforms of an index, the real user and Python; a second sync changes no byte', async () => {
    const { dir, env } = project(registry.host);
    const first = await run(['catalog', 'sync'], { cwd: dir, env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /1 repository, 6 published tags; container-standards\.lock\.json written/);
    const text = lockOf(dir);
    const lock = parseLock(text);
    const tags = lock.repositories[`${registry.host}/${REPO_PATH}`].tags;
    assert.deepEqual(Object.keys(tags), [
      '3.13-buildbase',
      '3.13-pythonbase',
      '3.13-pythonnginx',
      'feat_a-3.13-pythonbase',
      'feat_b-3.13-pythonbase',
      'hardened',
    ]);
    assert.equal(tags['3.13-pythonbase'].digest, index.digest);
    assert.deepEqual(tags['3.13-pythonbase'].platforms, index.platforms);
    assert.equal(tags['3.13-pythonbase'].user, 'gen3');
    assert.equal(tags['3.13-pythonbase'].python, '3.13.5');
    assert.deepEqual(tags['3.13-pythonbase'].cmd, ['gunicorn', 'app:app']);
    assert.equal(tags['3.13-buildbase'].digest, buildbase);
    assert.equal(tags['3.13-buildbase'].user, '');
    assert.equal(lock.syncedAt, new Date().toISOString().slice(0, 10));

    const second = await run(['catalog', 'sync'], { cwd: dir, env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /container-standards\.lock\.json unchanged/);
    assert.equal(lockOf(dir), text, 'the lock round-trips byte for byte');
  });

  it("the rules read the lock: IMG002 not published, IMG010 with its fix, USR002 from the image's real user", async () => {
    const host = registry.host;
    const B = `${host}/${REPO_PATH}`;
    const { dir, env } = project(host, {
      'poetry/Dockerfile': `FROM ${B}:3.13-pythonpoetry\nUSER gen3\nCMD ["app"]\n`,
      'pinned/Dockerfile': `FROM ${B}:3.13-pythonbase@${buildbase}\nUSER gen3\nCMD ["app"]\n`,
    });
    assert.equal((await run(['catalog', 'sync', '-q'], { cwd: dir, env })).code, 0);
    const check = await run(['check', '--format', 'json'], { cwd: dir, env });
    const findings = JSON.parse(check.stdout).files.flatMap((f: any) =>
      f.findings.map((x: any) => `${f.path.split('/').slice(-2).join('/')} ${x.code} ${x.message}`),
    );
    assert.ok(
      findings.some((f: string) => f.startsWith(`poetry/Dockerfile IMG002 '3.13-pythonpoetry' is allowed by the standard, but `)),
      findings.join('\n'),
    );
    assert.ok(
      findings.some((f: string) =>
        f.startsWith(
          `pinned/Dockerfile IMG010 This FROM pins an older image of '3.13-pythonbase', which now points at ${index.digest.slice(0, 19)}… (tag catalog of `,
        ),
      ),
      findings.join('\n'),
    );
    const fixed = await run(['check', '--fix', '--select', 'IMG010', 'pinned'], { cwd: dir, env });
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.equal(readFileSync(join(dir, 'pinned/Dockerfile'), 'utf8'), `FROM ${B}:3.13-pythonbase@${index.digest}\nUSER gen3\nCMD ["app"]\n`);

    // A profile that does not require an explicit USER trusts the base image's user: the lock's, not the profile's.
    const relaxed = JSON.parse(localProfile(host));
    relaxed.user.requireExplicit = false;
    relaxed.repositories[0].tags.find((t: any) => t.name === '3.13-buildbase').user = 'gen3'; // the profile is wrong here
    writeFileSync(join(dir, 'local.profile.json'), JSON.stringify(relaxed));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${B}:3.13-buildbase\nCMD ["app"]\n`);
    const usr = await run(['check', '--select', 'USR002', 'Dockerfile'], { cwd: dir, env });
    assert.match(usr.stdout, new RegExp(`USR002 (?:\\[\\*\\] )?'${B.replace(/\./g, '\\.')}:3\\.13-buildbase' runs as root`));
    // Without the lock only the (wrong) profile speaks: no finding, as before the catalog existed.
    rmSync(join(dir, 'container-standards.lock.json'));
    const withoutLock = await run(['check', '--select', 'USR002', 'Dockerfile'], { cwd: dir, env });
    assert.equal(withoutLock.code, 0, withoutLock.stdout);
  });

  it('follows n/last pagination through Link headers', async () => {
    // docker-registry 2.8 answers tags/list in one page whatever `n` says; quay.io, Docker Hub and
    // distribution 3 page it. This proxy pages the real registry's list the way they do.
    const proxy = await startProxy(registry.host, (req, res) => {
      const url = new URL(req.url!, 'http://proxy');
      if (!url.pathname.endsWith('/tags/list') || !url.searchParams.has('n')) return false;
      void fetch(`http://${registry.host}${url.pathname}`).then(async (up) => {
        const all: string[] = ((await up.json()) as { tags: string[] }).tags.sort();
        const n = Number(url.searchParams.get('n'));
        const last = url.searchParams.get('last');
        const rest = last ? all.filter((t) => t > last) : all;
        const page = rest.slice(0, n);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (rest.length > n) headers.link = `<${url.pathname}?n=${n}&last=${encodeURIComponent(page[page.length - 1])}>; rel="next"`;
        res.writeHead(200, headers).end(JSON.stringify({ name: REPO_PATH, tags: page }));
      });
      return true;
    });
    try {
      const profile = JSON.parse(localProfile(proxy.host));
      const client = new RegistryClient({ credentials: new DockerCredentials({ HOME: '/nonexistent' }), pageSize: 2 });
      const { lock } = await syncCatalog({ profile, client });
      assert.equal(Object.keys(lock.repositories[`${proxy.host}/${REPO_PATH}`].tags).length, 6);
      const pages = proxy.seen.filter((s) => s.includes('/tags/list'));
      assert.deepEqual(pages[0], `GET /v2/${REPO_PATH}/tags/list?n=2`);
      assert.equal(pages.length, 3, pages.join('\n'));
      assert.ok(
        pages.slice(1).every((p) => /[?&]last=/.test(p)),
        pages.join('\n'),
      );
    } finally {
      await proxy.stop();
    }
  });

  it('waits for Retry-After on 429, and fails (old lock intact) when the wait is too long', async () => {
    let refused = 0;
    const proxy = await startProxy(registry.host, (req, res) => {
      if (req.url!.includes('/tags/list') && refused++ === 0) {
        res.writeHead(429, { 'retry-after': '1' }).end();
        return true;
      }
      return false;
    });
    try {
      const { dir, env } = project(proxy.host);
      const started = Date.now();
      const ok = await run(['catalog', 'sync', '-q'], { cwd: dir, env });
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(Date.now() - started >= 1000, 'waited for Retry-After');
      assert.equal(proxy.seen.filter((s) => s.includes('/tags/list')).length, 2);
      const before = lockOf(dir);
      refused = -1000; // from now on every tag list is refused
      const slow = await startProxy(registry.host, (req, res) => {
        res.writeHead(429, { 'retry-after': '3600' }).end();
        return true;
      });
      try {
        writeFileSync(join(dir, 'local.profile.json'), localProfile(slow.host));
        writeFileSync(join(dir, 'container-standards.lock.json'), before);
        const failed = await run(['catalog', 'sync'], { cwd: dir, env });
        assert.equal(failed.code, 2);
        assert.match(failed.stderr, new RegExp(`catalog sync failed: ${slow.host}/${REPO_PATH}: the registry asks to wait 3600 s \\(Retry-After\\)`));
        assert.equal(lockOf(dir), before);
      } finally {
        await slow.stop();
      }
    } finally {
      await proxy.stop();
    }
  });

  it('a registry that is down or a repository that does not exist: exit 2, the old lock survives', async () => {
    const { dir, env } = project(registry.host);
    assert.equal((await run(['catalog', 'sync', '-q'], { cwd: dir, env })).code, 0);
    const before = lockOf(dir);
    const down = await startRegistry();
    const host = down.host;
    await down.stop();
    writeFileSync(join(dir, 'local.profile.json'), localProfile(host));
    const failed = await run(['catalog', 'sync'], { cwd: dir, env });
    assert.equal(failed.code, 2);
    assert.match(
      failed.stderr,
      new RegExp(`catalog sync failed: ${host}/${REPO_PATH}: cannot reach ${host}: ECONNREFUSED; container-standards\\.lock\\.json was left as it was`),
    );
    assert.equal(lockOf(dir), before);

    writeFileSync(join(dir, 'local.profile.json'), localProfile(registry.host, `${registry.host}/cdis/nothing-here`));
    const missing = await run(['catalog', 'sync'], { cwd: dir, env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cdis\/nothing-here: the registry answered 404: no repository 'cdis\/nothing-here'/);
    assert.equal(lockOf(dir), before);
  });

  it('a tag deleted between two syncs stays in the lock as removed, and IMG008 reports it', async () => {
    const doomed = await pushImage(registry.host, 'cdis/short-lived', { user: 'gen3', labels: { unique: String(Date.now()) } }, '3.13-pythonuv');
    await pushImage(registry.host, 'cdis/short-lived', { user: 'gen3' }, '3.13-pythonbase');
    const repository = `${registry.host}/cdis/short-lived`;
    const profile = JSON.parse(localProfile(registry.host, repository));
    const client = () => new RegistryClient({ credentials: new DockerCredentials({ HOME: '/nonexistent' }) });
    const first = await syncCatalog({ profile, client: client(), now: new Date('2026-11-01T10:00:00Z') });
    assert.equal(first.lock.repositories[repository].tags['3.13-pythonuv'].digest, doomed.digest);
    await deleteManifest(registry.host, 'cdis/short-lived', doomed.digest);
    const second = await syncCatalog({ profile, client: client(), previous: first.lock, now: new Date('2026-11-03T10:00:00Z') });
    const gone = second.lock.repositories[repository].tags['3.13-pythonuv'];
    assert.deepEqual(
      { firstSeen: gone.firstSeen, lastSeen: gone.lastSeen, removed: gone.removed },
      { firstSeen: '2026-11-01', lastSeen: '2026-11-01', removed: '2026-11-03' },
    );
    assert.equal(second.lock.repositories[repository].tags['3.13-pythonbase'].lastSeen, '2026-11-03');

    const { dir, env } = project(registry.host, { Dockerfile: `FROM ${repository}:3.13-pythonuv\nUSER gen3\nCMD ["app"]\n` }, repository);
    writeFileSync(join(dir, 'container-standards.lock.json'), JSON.stringify(second.lock));
    const check = await run(['check', '--select', 'IMG'], { cwd: dir, env });
    assert.match(check.stdout, /IMG008 '3\.13-pythonuv' is no longer published in .* \(first seen 2026-11-01, last seen 2026-11-01\)\./);
    assert.doesNotMatch(check.stdout, /IMG002/);
  });

  it('basic auth (htpasswd): 401 without credentials names the repository; ~/.docker/config.json auths and a credential helper work', async () => {
    const secured = await startRegistry({ storage: registry.storage, auth: { kind: 'htpasswd', htpasswd: HTPASSWD } });
    try {
      const { dir, env } = project(secured.host);
      const refused = await run(['catalog', 'sync'], { cwd: dir, env });
      assert.equal(refused.code, 2);
      assert.match(
        refused.stderr,
        new RegExp(
          `catalog sync failed: ${secured.host}/${REPO_PATH}: the registry answered 401 Unauthorized for the tag list: it needs credentials \\(docker login ${secured.host}`,
        ),
      );
      const docker = join(dir, 'home', '.docker');
      tempWrite(
        join(docker, 'config.json'),
        JSON.stringify({ auths: { [`http://${secured.host}`]: { auth: Buffer.from(`ci:${PASSWORD}`).toString('base64') } } }),
      );
      const ok = await run(['catalog', 'sync', '-q'], { cwd: dir, env });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(parseLock(lockOf(dir)).repositories[`${secured.host}/${REPO_PATH}`].tags['3.13-pythonbase'].user, 'gen3');

      // A credential helper: docker-credential-<name> on PATH, given the server on standard input.
      const bin = join(dir, 'bin');
      tempWrite(
        join(bin, 'docker-credential-fake'),
        `#!/bin/sh\nread server\n[ "$server" = "${secured.host}" ] || exit 1\nprintf '{"Username":"ci","Secret":"${PASSWORD}"}'\n`,
      );
      chmodSync(join(bin, 'docker-credential-fake'), 0o755);
      tempWrite(join(docker, 'config.json'), JSON.stringify({ credHelpers: { [secured.host]: 'fake' } }));
      const helped = await run(['catalog', 'sync', '-q'], { cwd: dir, env: { ...env, PATH: `${bin}:${process.env.PATH}` } });
      assert.equal(helped.code, 0, helped.stderr);
    } finally {
      await secured.stop();
    }
  });

  it('bearer tokens: anonymous from the WWW-Authenticate realm, or with credentials; a refused token is a clear error', async () => {
    const tokens = await startTokenServer();
    const secured = await startRegistry({
      storage: registry.storage,
      auth: { kind: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certificate: tokens.certificate },
    });
    try {
      const { dir, env } = project(secured.host);
      const ok = await run(['catalog', 'sync', '-q'], { cwd: dir, env });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(parseLock(lockOf(dir)).repositories[`${secured.host}/${REPO_PATH}`].tags['3.13-pythonbase'].digest, index.digest);
      assert.ok(tokens.requests.length >= 1);
      assert.deepEqual([...new Set(tokens.requests.map((r) => r.scope))], [`repository:${REPO_PATH}:pull`]);
      assert.ok(
        tokens.requests.every((r) => r.authorization === undefined),
        'anonymous',
      );
    } finally {
      await secured.stop();
      await tokens.stop();
    }
    const guarded = await startTokenServer({ user: 'ci', password: PASSWORD });
    const secured2 = await startRegistry({
      storage: registry.storage,
      auth: { kind: 'token', realm: guarded.realm, service: guarded.service, issuer: guarded.issuer, certificate: guarded.certificate },
    });
    try {
      const { dir, env } = project(secured2.host);
      const refused = await run(['catalog', 'sync'], { cwd: dir, env });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /the token service 127\.0\.0\.1:\d+ answered 401: it needs credentials \(docker login\)/);
      tempWrite(join(dir, 'home', '.docker', 'config.json'), JSON.stringify({ auths: { [secured2.host]: { username: 'ci', password: PASSWORD } } }));
      const ok = await run(['catalog', 'sync', '-q'], { cwd: dir, env });
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(guarded.requests.some((r) => r.authorization === `Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`));
    } finally {
      await secured2.stop();
      await guarded.stop();
    }
  });

  it('--image records an image outside the catalog, and later syncs keep it', async () => {
    const outside = await pushImage(registry.host, 'library/python', { user: '', env: ['PYTHON_VERSION=3.13.9'] }, '3.13-slim');
    const { dir, env } = project(registry.host);
    const ref = `${registry.host}/library/python:3.13-slim`;
    assert.equal((await run(['catalog', 'sync', '-q', '--image', ref], { cwd: dir, env })).code, 0);
    const first: CatalogLock = parseLock(lockOf(dir));
    assert.equal(first.images?.[ref].digest, outside.digest);
    assert.equal(first.images?.[ref].python, '3.13.9');
    assert.equal((await run(['catalog', 'sync', '-q'], { cwd: dir, env })).code, 0);
    assert.equal(parseLock(lockOf(dir)).images?.[ref].digest, outside.digest);
  });
});

function tempWrite(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
