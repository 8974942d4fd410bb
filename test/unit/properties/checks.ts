import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TextDecoder } from 'node:util';
import {
  chosenFix,
  EncodedText,
  EncodingError,
  fixChecker,
  fixPasses,
  lint,
  SourceText,
  spliceText,
  type Finding,
  type FixMode,
  type Language,
  type LintOptions,
  type Range,
  type Span,
} from '../../../server/src/engine';

/**
 * The properties every file must keep, whatever its bytes: checked for one file, one profile and one
 * fix mode. Throws (an assertion) when one fails; fast-check then shrinks the input.
 */
export interface Case {
  bytes: Buffer;
  language: Language;
  options: LintOptions;
  mode: Exclude<FixMode, 'none'>;
  /** The generator built a well-formed file (no mutation, no open heredoc): no fix may be dropped. */
  wellFormed: boolean;
}

export interface Outcome {
  /** The bytes after the fixes; equal to the input when nothing applied. */
  fixed: Buffer;
  applied: number;
  dropped: number;
}

export async function checkCase(c: Case, python?: PythonCompiler): Promise<Outcome | undefined> {
  let source: EncodedText;
  try {
    source = EncodedText.decode(c.bytes, c.language);
  } catch (e) {
    // A file that cannot be read faithfully is an input error (exit 2), never a crash.
    assert.ok(e instanceof EncodingError, `decode threw ${String(e)}`);
    return undefined;
  }
  const text = source.text;
  const expected = ownDecode(c.bytes);
  if (expected !== undefined && source.encoding === 'UTF-8')
    assert.equal(text, expected, 'the decoded text is the bytes read as UTF-8, one U+FFFD per invalid byte');

  const { findings } = await lint(text, c.language, c.options);
  checkRanges(text, findings, 'lint');

  const checker = fixChecker(c.language, c.options);
  const pick = (f: Finding) => chosenFix(f, c.mode);
  const first = await fixPasses(text, checker, pick);
  checkRanges(first.text, first.findings, 'after the fixes');

  // Fixes are verified one by one: where the input is well formed, none may fail verification.
  const compiledBefore = c.language === 'python' && python ? await python.compiles(c.bytes) : false;
  if (c.wellFormed || compiledBefore) {
    assert.deepEqual(
      first.dropped,
      [],
      `${c.mode} fixes were dropped for a well-formed file: ${first.dropped.map((d) => `${d.code} (${d.reason})`).join('; ')}`,
    );
  }
  // A safe fix adds no finding: over all passes, no rule reports more than it did before.
  if (c.mode === 'safe') {
    const before = countByCode(findings);
    for (const [code, n] of countByCode(first.findings)) assert.ok(n <= (before.get(code) ?? 0), `safe fixes added ${code} (${before.get(code) ?? 0} → ${n})`);
  }

  // The passes replay on the text, and on the bytes with nothing outside a span changed.
  let replayed = text;
  let bytes = source;
  for (const spans of first.passes) {
    assertSpans(replayed, spans);
    const next = bytes.splice(spans);
    if (bytes.encoding === 'UTF-8' && ownDecode(bytes.bytes) !== undefined)
      assert.deepEqual(next.bytes, expectedSplice(bytes.bytes, replayed, spans), 'bytes outside the edits changed');
    replayed = spliceText(replayed, spans);
    assert.equal(next.text, replayed, 'the spliced bytes decode to the fixed text');
    bytes = next;
  }
  assert.equal(replayed, first.text, 'the passes replay to the fixed text');
  if (!first.passes.length) assert.equal(first.text, text);

  // Idempotent: a second run finds nothing more to apply (fixPasses retries a dropped fix once the text changed).
  const second = await fixPasses(first.text, checker, pick);
  assert.equal(second.text, first.text, `a second ${c.mode} fix run changed the text again`);
  assert.equal(second.applied, 0);

  const fixed = Buffer.from(bytes.bytes);
  if (compiledBefore && first.passes.length) {
    const error = await python!.error(fixed);
    assert.equal(error, undefined, `compiled before the ${c.mode} fixes, not after: ${error}\n--- after ---\n${first.text}`);
  }
  return { fixed, applied: first.applied, dropped: first.dropped.length };
}

/** Every range lies inside the document, starts before it ends, and splits no surrogate pair. */
export function checkRanges(text: string, findings: Finding[], when: string): void {
  const src = new SourceText(text);
  for (const f of findings) {
    checkRange(src, f.range, `${when}: ${f.code} range`);
    for (const fix of f.fixes) for (const e of fix.edits) checkRange(src, e.range, `${when}: ${f.code} fix "${fix.title}" edit`);
  }
}

function checkRange(src: SourceText, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < src.lineCount, `${what}: line ${p.line} of ${src.lineCount}`);
    const length = src.lineEnd(p.line) - src.lineStarts[p.line];
    assert.ok(
      Number.isInteger(p.character) && p.character >= 0 && p.character <= length,
      `${what}: column ${p.character} past the end of line ${p.line} (${length})`,
    );
    const at = src.lineStarts[p.line] + p.character;
    const before = src.text.charCodeAt(at - 1);
    const after = src.text.charCodeAt(at);
    assert.ok(!(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff), `${what}: splits a surrogate pair at ${p.line}:${p.character}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: ends before it starts`);
}

function assertSpans(text: string, spans: Span[]): void {
  let at = 0;
  for (const s of spans) {
    assert.ok(s.start >= at && s.start <= s.end && s.end <= text.length, `span ${s.start}-${s.end} out of order or outside the text`);
    at = s.end;
  }
}

function countByCode(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

/**
 * Our own reading of UTF-8 bytes (optional BOM), kept apart from the engine's: each code point that
 * decodes strictly is itself, each other byte is one U+FFFD. Returns the text, or `undefined` for bytes
 * the engine reads another way (UTF-16/32 BOMs, NUL bytes).
 */
export function ownDecode(bytes: Uint8Array): string | undefined {
  return ownMap(bytes)?.text;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function ownMap(bytes: Uint8Array): { text: string; byteAt: number[] } | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0)) return undefined;
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let text = '';
  const byteAt: number[] = [];
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      byteAt.push(i);
      text += String.fromCharCode(bytes[i++]);
      continue;
    }
    let len = 1;
    let char = '\uFFFD';
    for (let n = 1; n <= 4 && i + n <= bytes.length; n++) {
      try {
        const s = strict.decode(bytes.subarray(i, i + n));
        if ([...s].length === 1) {
          char = s;
          len = n;
          break;
        }
      } catch {
        // not a complete code point yet
      }
    }
    for (let k = 0; k < char.length; k++) byteAt.push(i);
    text += char;
    i += len;
  }
  byteAt.push(bytes.length);
  return { text, byteAt };
}

/** The bytes a splice must produce: the original bytes between spans, the new text UTF-8 encoded. */
function expectedSplice(bytes: Uint8Array, text: string, spans: Span[]): Buffer {
  const map = ownMap(bytes)!;
  assert.equal(map.text, text);
  const parts: Uint8Array[] = [];
  let at = 0; // the BOM, if any, lies before the first span
  for (const s of spans) {
    parts.push(bytes.subarray(at, map.byteAt[s.start]), Buffer.from(s.newText, 'utf8'));
    at = map.byteAt[s.end];
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/**
 * One long-lived Python process compiles many files (as `py_compile` does: `compile()` of the bytes, so
 * BOMs, coding cookies and line endings are CPython's), so the properties pay for one start-up.
 */
export class PythonCompiler {
  private child: ChildProcessWithoutNullStreams;
  private waiting: ((line: string) => void)[] = [];
  private buffer = '';

  static find(): string | undefined {
    return ['python3', 'python'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);
  }

  constructor(command: string) {
    const script = [
      'import sys, base64',
      'for line in sys.stdin:',
      '    src = base64.b64decode(line)',
      '    try:',
      "        compile(src, 'case.py', 'exec', dont_inherit=True)",
      "        print('ok', flush=True)",
      '    except BaseException as e:',
      "        print('err ' + type(e).__name__ + ': ' + str(e).replace(chr(10), ' '), flush=True)",
    ].join('\n');
    this.child = spawn(command, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  /** The compile error of these bytes, or `undefined` when they compile. */
  error(bytes: Uint8Array): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(line === 'ok' ? undefined : line.slice(4)));
      this.child.stdin.write(Buffer.from(bytes).toString('base64') + '\n');
    });
  }

  async compiles(bytes: Uint8Array): Promise<boolean> {
    return (await this.error(bytes)) === undefined;
  }

  close(): void {
    this.child.stdin.end();
  }
}
