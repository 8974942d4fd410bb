#!/usr/bin/env node
// The README's screenshots and fix-flow GIF, from a real VS Code: runs the e2e suite's "Demo" tests
// (test/e2e/suite/demo.test.ts) in code-server with `--shots`, copies the pictures into docs/images/,
// and assembles the GIF from the frames with gifenc (pngjs decodes the PNGs). `npm run demo` runs this.
//
// Usage: node scripts/demo.mjs [--out docs/images] [--skip-build]
//        node scripts/demo.mjs --gif-only <shots dir>   (re-assemble from the frames of an earlier run)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import gifenc from 'gifenc';
import { PNG } from 'pngjs';

const { GIFEncoder, quantize, applyPalette } = gifenc;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The pictures the README shows, as the Demo tests name them. */
export const SCREENSHOTS = ['wrong-from-quickfix', 'tag-completion', 'md5-quickfix'];
export const GIF_NAME = 'fix-flow.gif';

function parseArgs(argv) {
  const opts = { out: path.join(ROOT, 'docs', 'images'), skipBuild: false, gifOnly: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = path.resolve(argv[++i]);
    else if (a === '--skip-build') opts.skipBuild = true;
    else if (a === '--gif-only') opts.gifOnly = path.resolve(argv[++i]);
    else {
      console.error(`demo: unknown option ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

/** Encodes the frames listed in `<framesDir>/frames.json` ({ file, delayMs }[]) as one looping GIF. */
export function encodeGif(framesDir) {
  const frames = JSON.parse(fs.readFileSync(path.join(framesDir, 'frames.json'), 'utf8'));
  if (!Array.isArray(frames) || frames.length < 2) throw new Error(`${framesDir}/frames.json lists ${frames?.length ?? 0} frames; a GIF needs at least 2`);
  const gif = GIFEncoder();
  let size;
  for (const [i, frame] of frames.entries()) {
    const png = PNG.sync.read(fs.readFileSync(path.join(framesDir, frame.file)));
    if (size && (png.width !== size.width || png.height !== size.height))
      throw new Error(`${frame.file} is ${png.width}x${png.height}, not ${size.width}x${size.height}`);
    size = { width: png.width, height: png.height };
    const rgba = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
    // A palette per frame: a workbench shot has few colours, so 256 keep text and squiggles crisp.
    const palette = quantize(rgba, 256);
    const index = applyPalette(rgba, palette);
    gif.writeFrame(index, png.width, png.height, { palette, delay: frame.delayMs, ...(i === 0 ? { repeat: 0 } : {}) });
  }
  gif.finish();
  return { bytes: Buffer.from(gif.bytes()), frames: frames.length, ...size };
}

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let shots = opts.gifOnly;
  if (!shots) {
    shots = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-demo-'));
    const args = [path.join(ROOT, 'test', 'e2e', 'run.mjs'), '--grep', '^Demo ', '--shots', shots, ...(opts.skipBuild ? ['--skip-build'] : [])];
    console.log(`demo: running the Demo tests in code-server, pictures into ${shots}`);
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`demo: the Demo tests failed (exit ${run.status ?? run.signal}); docs/images left as they were`);
      process.exit(1);
    }
  }
  const missing = SCREENSHOTS.filter((name) => !fs.existsSync(path.join(shots, `${name}.png`)));
  if (missing.length) {
    console.error(`demo: the run wrote no ${missing.join(', ')} (in ${shots})`);
    process.exit(1);
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const manifest = { generatedBy: 'npm run demo (scripts/demo.mjs, test/e2e/suite/demo.test.ts)', generatedAt: new Date().toISOString(), files: {} };
  for (const name of SCREENSHOTS) {
    const target = path.join(opts.out, `${name}.png`);
    fs.copyFileSync(path.join(shots, `${name}.png`), target);
    manifest.files[`${name}.png`] = sha256(target);
  }
  const gif = encodeGif(path.join(shots, 'frames'));
  const gifFile = path.join(opts.out, GIF_NAME);
  fs.writeFileSync(gifFile, gif.bytes);
  manifest.files[GIF_NAME] = sha256(gifFile);
  manifest.gif = { frames: gif.frames, width: gif.width, height: gif.height };
  fs.writeFileSync(path.join(opts.out, 'demo.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(
    `demo: ${SCREENSHOTS.length} screenshots and ${GIF_NAME} (${gif.frames} frames, ${gif.width}x${gif.height}, ${(gif.bytes.length / 1024).toFixed(0)} KB) in ${path.relative(ROOT, opts.out) || opts.out}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
