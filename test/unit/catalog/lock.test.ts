import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LockError, parseLock, serializeLock, type CatalogLock } from '../../../server/src/engine';
import { nextLink, parseChallenge, retryAfter, isLoopback, addressOf, RegistryClient } from '../../../server/src/catalog/registry';
import { run, tempTree } from '../helpers/cli';
import { digest, seen } from '../helpers/locks';

describe('tag catalog lock', () => {
  it('serializes with sorted maps and a fixed key order, whatever order it was built in', () => {
    const lock: CatalogLock = {
      syncedAt: '2026-11-20',
      repositories: {
        'b.io/z': {
          tags: {
            y: seen('2'),
            x: seen('1', { labels: { z: '1', a: '2' }, user: 'app', platforms: { 'linux/arm64': digest('4'), 'linux/amd64': digest('3') } }),
          },
          registry: 'b.io',
        },
        'a.io/z': { registry: 'a.io', tags: {} },
      },
      profile: 'p',
      version: 1,
    } as CatalogLock;
    const text = serializeLock(lock);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['version', 'profile', 'syncedAt', 'repositories']);
    assert.deepEqual(Object.keys(JSON.parse(text).repositories), ['a.io/z', 'b.io/z']);
    const x = JSON.parse(text).repositories['b.io/z'].tags.x;
    assert.deepEqual(Object.keys(x), ['digest', 'platforms', 'user', 'labels', 'firstSeen', 'lastSeen']);
    assert.deepEqual(Object.keys(x.platforms), ['linux/amd64', 'linux/arm64']);
    assert.deepEqual(Object.keys(x.labels), ['a', 'z']);
    assert.ok(text.endsWith('}\n'));
    assert.equal(serializeLock(parseLock(text)), text, 'parse and serialize round-trip');
  });

  it('refuses a broken lock with the path of the problem', () => {
    assert.throws(() => parseLock('{'), LockError);
    assert.throws(() => parseLock('{"version":2}'), /"version" must be 1/);
    const bad = {
      version: 1,
      profile: 'p',
      syncedAt: '2026-11-20',
      repositories: { r: { registry: 'r', tags: { t: { digest: 'nope', firstSeen: '2026-11-20', lastSeen: '2026-11-20' } } } },
    };
    assert.throws(() => parseLock(JSON.stringify(bad)), /repositories\["r"\]\.tags\["t"\]\.digest must be a digest/);
  });
});

describe('registry protocol details', () => {
  it('reads Link, WWW-Authenticate and Retry-After as registries send them', () => {
    assert.equal(nextLink('</v2/x/tags/list?n=2&last=b>; rel="next"'), '/v2/x/tags/list?n=2&last=b');
    assert.equal(nextLink('<https://a/prev>; rel="prev", <https://a/next>; rel=next'), 'https://a/next');
    assert.equal(nextLink(null), undefined);
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"'), {
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' },
    });
    assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.equal(retryAfter('7', 1), 7);
    assert.equal(retryAfter('Fri, 27 Nov 2026 10:00:30 GMT', 1, Date.parse('Fri, 27 Nov 2026 10:00:00 GMT')), 30);
    assert.equal(retryAfter(null, 1), 0.5);
  });

  it('plain HTTP only for loopback registries; Docker Hub names go to its API host', () => {
    for (const h of ['localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000']) assert.ok(isLoopback(h), h);
    for (const h of ['quay.io', '10.0.0.1:5000', 'localhost.example.com', '127.0.0.1.nip.io']) assert.ok(!isLoopback(h), h);
    assert.deepEqual(addressOf('python'), { name: 'python', registry: 'docker.io', host: 'registry-1.docker.io', path: 'library/python' });
    assert.deepEqual(addressOf('quay.io/cdis/amazonlinux-base'), {
      name: 'quay.io/cdis/amazonlinux-base',
      registry: 'quay.io',
      host: 'quay.io',
      path: 'cdis/amazonlinux-base',
    });
  });
});

describe('registry client limits', () => {
  it('keeps at most `concurrency` requests in flight, and sends HTTPS to a registry that is not on this machine', async () => {
    let inFlight = 0;
    let most = 0;
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(String(url));
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return new Response(null, { status: 200, headers: { 'docker-content-digest': digest('a') } });
    }) as unknown as typeof fetch;
    const client = new RegistryClient({ credentials: { get: async () => undefined }, concurrency: 3, fetch: fakeFetch });
    const address = addressOf('quay.io/cdis/amazonlinux-base');
    const digests = await Promise.all(Array.from({ length: 20 }, (_, i) => client.digestOf(address, `t${i}`)));
    assert.ok(digests.every((d) => d === digest('a')));
    assert.equal(most, 3);
    assert.ok(
      urls.every((u) => u.startsWith('https://quay.io/v2/cdis/amazonlinux-base/manifests/')),
      urls[0],
    );
  });

  it('never sends credentials to a token realm over plain HTTP on another host', async () => {
    const fakeFetch = (async () =>
      new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://auth.example/token",service="x"' } })) as unknown as typeof fetch;
    const client = new RegistryClient({ credentials: { get: async () => ({ username: 'u', secret: 's' }) }, fetch: fakeFetch });
    await assert.rejects(
      client.tags(addressOf('registry.example/a/b')),
      /names a token service over plain HTTP \(http:\/\/auth\.example\); refusing to use it/,
    );
  });
});

describe('check --catalog-max-age', () => {
  const lock = (syncedAt: string) => JSON.stringify({ version: 1, profile: 'gen3', syncedAt, repositories: {} });
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  it('warns with one line on stderr when the lock is older, never as a finding', async () => {
    const dir = tempTree({
      Dockerfile: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["app"]\n',
      'container-standards.lock.json': lock(daysAgo(45)),
    });
    const old = await run(['check', '--catalog-max-age', '30d'], { cwd: dir });
    assert.equal(old.code, 0, old.stdout);
    assert.equal(
      old.stderr,
      `container-standards: warning: the tag catalog lock container-standards.lock.json is 45 days old (synced ${daysAgo(45)}); run 'container-standards catalog sync'\n`,
    );
    writeFileSync(join(dir, 'container-standards.lock.json'), lock(daysAgo(3)));
    const fresh = await run(['check', '--catalog-max-age', '1w'], { cwd: dir });
    assert.equal(fresh.stderr, '');
    const json = await run(['check', '--catalog-max-age', '2d', '--format', 'json'], { cwd: dir });
    assert.match(json.stderr, /is 3 days old/);
    assert.deepEqual(JSON.parse(json.stdout).files[0].findings, []);
  });

  it('says when there is no lock, and refuses an age it cannot read', async () => {
    const dir = tempTree({ Dockerfile: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["app"]\n' });
    const none = await run(['check', '--catalog-max-age', '30d'], { cwd: dir });
    assert.match(none.stderr, /^container-standards: warning: no tag catalog lock \(container-standards\.lock\.json\)/);
    const bad = await run(['check', '--catalog-max-age', 'a month'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--catalog-max-age 'a month' is not an age; write it like 30d, 2w or 12h/);
  });

  it('a broken lock stops the check with exit 2 and says how to repair it', async () => {
    const dir = tempTree({ Dockerfile: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n', 'container-standards.lock.json': '{"version": 1' });
    const r = await run(['check'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /container-standards\.lock\.json is not valid JSON.*run 'container-standards catalog sync' to write it again, or delete it/);
  });
});
