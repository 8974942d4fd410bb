import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeFailure, readBounded, utf8Text } from '../../../server/src/node/readBounded';
import { tempTree } from '../helpers/cli';

describe('readBounded', () => {
  it('reads a regular file up to the limit, and refuses one byte more', () => {
    const dir = tempTree({ 'ten.txt': '0123456789' });
    const ok = readBounded(join(dir, 'ten.txt'), 10);
    assert.ok(ok.ok && ok.bytes.toString() === '0123456789');
    assert.deepEqual(readBounded(join(dir, 'ten.txt'), 9), { ok: false, failure: { kind: 'too-large', limit: 9 } });
  });

  it('refuses devices, even through a symlink, without reading them', () => {
    const dir = tempTree();
    symlinkSync('/dev/zero', join(dir, 'profile.json'));
    assert.deepEqual(readBounded('/dev/zero', 1024), { ok: false, failure: { kind: 'not-regular', what: 'device' } });
    assert.deepEqual(readBounded(join(dir, 'profile.json'), 1024), { ok: false, failure: { kind: 'not-regular', what: 'device' } });
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = tempTree();
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.deepEqual(readBounded(fifo, 1024), { ok: false, failure: { kind: 'not-regular', what: 'fifo' } });
    assert.ok(Date.now() - started < 1000);
  });

  it('tells missing files and folders apart, in words that hold no content', () => {
    const dir = tempTree();
    assert.deepEqual(readBounded(join(dir, 'nope'), 10), { ok: false, failure: { kind: 'missing' } });
    const folder = readBounded(dir, 10);
    assert.ok(!folder.ok && describeFailure(folder.failure) === 'it is a folder, not a file');
    assert.equal(describeFailure({ kind: 'too-large', limit: 1024 * 1024 }), 'it is larger than 1 MB');
  });

  it('decodes UTF-8 without its byte order mark and rejects other encodings', () => {
    const dir = tempTree();
    writeFileSync(join(dir, 'bom.json'), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    const r = readBounded(join(dir, 'bom.json'), 100);
    assert.ok(r.ok);
    assert.equal(utf8Text(r.bytes), '{}');
    assert.equal(utf8Text(Buffer.from([0xff, 0xfe, 0x7b, 0x00])), undefined);
  });
});
