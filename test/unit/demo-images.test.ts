// The README's screenshots and fix-flow GIF (issue 10 item 9) are made by `npm run demo` in a real
// VS Code (scripts/demo.mjs, test/e2e/suite/demo.test.ts). This checks that what the README shows is
// there, decodes, is what that run wrote (docs/images/demo.json holds each file's SHA-256), and moves.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import { REPO } from './helpers/cli';

const IMAGES = join(REPO, 'docs', 'images');
const SCREENSHOTS = ['wrong-from-quickfix.png', 'tag-completion.png', 'md5-quickfix.png'];
const GIF = 'fix-flow.gif';

interface Manifest {
  generatedBy: string;
  generatedAt: string;
  files: Record<string, string>;
  gif: { frames: number; width: number; height: number };
}

const manifest = JSON.parse(readFileSync(join(IMAGES, 'demo.json'), 'utf8')) as Manifest;

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Distinct colours in an RGBA buffer, counted up to `limit`. */
function colours(data: Uint8Array | Buffer, limit = 1_000): number {
  const seen = new Set<number>();
  for (let i = 0; i < data.length && seen.size < limit; i += 4) seen.add(((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) >>> 0);
  return seen.size;
}

describe('demo images', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

  for (const name of [...SCREENSHOTS, GIF]) {
    it(`the README shows docs/images/${name}, with alt text`, () => {
      assert.match(readme, new RegExp(`!\\[[^\\]]{20,}\\]\\(docs/images/${name.replace('.', '\\.')}\\)`));
    });

    it(`docs/images/${name} is the file npm run demo wrote`, () => {
      assert.equal(
        sha256(join(IMAGES, name)),
        manifest.files[name],
        `${name} differs from docs/images/demo.json: regenerate with npm run demo, don't edit by hand`,
      );
    });
  }

  for (const name of SCREENSHOTS) {
    it(`${name} is a PNG of a whole VS Code window`, () => {
      const png = PNG.sync.read(readFileSync(join(IMAGES, name)));
      assert.ok(png.width >= 1000 && png.height >= 600, `${png.width}x${png.height}`);
      assert.ok(colours(png.data) > 50, 'a window, not a blank picture');
    });
  }

  it(`${GIF} is an endlessly looping animation of the demo run's frames`, () => {
    const bytes = readFileSync(join(IMAGES, GIF));
    const gif = new GifReader(new Uint8Array(bytes));
    assert.equal(gif.numFrames(), manifest.gif.frames);
    assert.ok(gif.numFrames() >= 4, `${gif.numFrames()} frames`);
    assert.equal(gif.loopCount(), 0, 'loops forever');
    assert.deepEqual([gif.width, gif.height], [manifest.gif.width, manifest.gif.height]);
    const pixels = new Uint8Array(gif.width * gif.height * 4);
    const fingerprints = new Set<string>();
    for (let i = 0; i < gif.numFrames(); i++) {
      const info = gif.frameInfo(i);
      assert.ok(info.delay > 0, `frame ${i} has a delay`);
      gif.decodeAndBlitFrameRGBA(i, pixels);
      assert.ok(colours(pixels) > 20, `frame ${i} shows a window`);
      fingerprints.add(createHash('sha1').update(pixels).digest('hex'));
    }
    assert.equal(fingerprints.size, gif.numFrames(), 'every frame differs from the others');
  });
});
