import { Buffer, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Span } from './text';
import type { Language } from './types';

/**
 * A file's bytes and the text the engine checks, kept side by side so that fixes are spliced into the
 * bytes: every byte outside an edit stays as it was, whatever the encoding — invalid UTF-8 included.
 * Pure: bytes in, bytes out; the faces read and write the files.
 */
export class EncodedText {
  private constructor(
    readonly bytes: Uint8Array,
    readonly encoding: string,
    /** What the engine sees: without the byte order mark, invalid bytes as U+FFFD (one each). */
    readonly text: string,
    private readonly codec: Codec,
    private readonly bomLength: number,
    /** Byte offset, after the BOM, of each UTF-16 index of `text` (one past the end too); absent when derivable. */
    private readonly offsets?: Uint32Array,
  ) {}

  /**
   * Reads bytes as Dockerfiles and Python files are written: a BOM decides (UTF-8, UTF-16); Python honours
   * a PEP 263 coding cookie; otherwise UTF-8, keeping invalid bytes as they are. Throws `EncodingError`
   * for what cannot be checked faithfully (UTF-32, binary data, an unknown declared encoding).
   */
  static decode(bytes: Uint8Array, language: Language): EncodedText {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (startsWith(buf, [0xff, 0xfe, 0, 0]) || startsWith(buf, [0, 0, 0xfe, 0xff]))
      throw new EncodingError('is UTF-32, which is not supported; save it as UTF-8');
    if (startsWith(buf, [0xef, 0xbb, 0xbf])) return EncodedText.from(buf, UTF8, 3);
    if (startsWith(buf, [0xff, 0xfe])) return EncodedText.from(buf, UTF16LE, 2);
    if (startsWith(buf, [0xfe, 0xff])) return EncodedText.from(buf, UTF16BE, 2);
    const nul = buf.subarray(0, 8192).indexOf(0);
    if (nul >= 0) {
      const guess = utf16WithoutBom(buf);
      if (!guess) throw new EncodingError('contains NUL bytes: it looks like a binary file, not text');
      return EncodedText.from(buf, guess, 0);
    }
    if (language === 'python') {
      const declared = codingCookie(buf);
      if (declared) return EncodedText.from(buf, codecFor(declared), 0);
    }
    return EncodedText.from(buf, UTF8, 0);
  }

  private static from(buf: Buffer, codec: Codec, bomLength: number): EncodedText {
    const { text, offsets } = codec.decode(buf.subarray(bomLength));
    return new EncodedText(buf, codec.name, text, codec, bomLength, offsets);
  }

  /** Whether edits can be written back byte for byte (not for multi-byte legacy encodings such as Shift JIS). */
  get writable(): boolean {
    return this.codec.encode !== undefined;
  }

  /**
   * Applies spans (offsets into `text`, in document order) to the bytes. Throws `EncodingError` when new
   * text cannot be written in the file's encoding.
   */
  splice(spans: Span[]): EncodedText {
    const encode = this.codec.encode;
    if (!encode) throw new EncodingError(`is encoded as ${this.encoding}, which fixes cannot be written in`);
    const byteAt = this.byteOffsets(spans.flatMap((s) => [s.start, s.end]));
    const parts: Uint8Array[] = [];
    let at = 0;
    spans.forEach((s, i) => {
      parts.push(this.bytes.subarray(at, byteAt[2 * i]), encode(s.newText));
      at = byteAt[2 * i + 1];
    });
    parts.push(this.bytes.subarray(at));
    const out = Buffer.concat(parts);
    return EncodedText.from(out, this.codec, this.bomLength);
  }

  /** Byte offsets of ascending text offsets, in one pass. */
  private byteOffsets(textOffsets: number[]): number[] {
    // The offsets count from the end of the BOM, as the decoder saw the bytes.
    if (this.offsets) return textOffsets.map((o) => this.bomLength + this.offsets![o]);
    const out: number[] = [];
    let text = 0;
    let bytes = this.bomLength;
    for (const o of textOffsets) {
      bytes += this.codec.byteLength(this.text.slice(text, o));
      text = o;
      out.push(bytes);
    }
    return out;
  }
}

export class EncodingError extends Error {}

interface Codec {
  name: string;
  decode(bytes: Buffer): { text: string; offsets?: Uint32Array };
  byteLength(text: string): number;
  /** Absent when text cannot be encoded back one for one. */
  encode?(text: string): Uint8Array;
}

const UTF8: Codec = {
  name: 'UTF-8',
  decode(bytes) {
    // Valid UTF-8 (nearly every file) decodes the same through Buffer, which, unlike a TextDecoder made
    // per file, costs nothing to set up; a BOM is kept either way.
    if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
    return decodeLossyUtf8(bytes);
  },
  byteLength: (text) => Buffer.byteLength(text, 'utf8'),
  encode: (text) => Buffer.from(text, 'utf8'),
};

const UTF16LE: Codec = {
  name: 'UTF-16LE',
  decode: (bytes) => ({ text: bytes.subarray(0, bytes.length & ~1).toString('utf16le') + (bytes.length & 1 ? '\uFFFD' : '') }),
  byteLength: (text) => text.length * 2,
  encode: (text) => Buffer.from(text, 'utf16le'),
};

const UTF16BE: Codec = {
  name: 'UTF-16BE',
  decode: (bytes) => UTF16LE.decode(swapPairs(bytes)),
  byteLength: (text) => text.length * 2,
  encode: (text) => swapPairs(Buffer.from(text, 'utf16le')),
};

/** ISO-8859-1 as Python means it: every byte is the code point of the same value. */
const LATIN1: Codec = {
  name: 'latin-1',
  decode: (bytes) => ({ text: bytes.toString('latin1') }),
  byteLength: (text) => text.length,
  encode(text) {
    for (let i = 0; i < text.length; i++)
      if (text.charCodeAt(i) > 0xff) throw new EncodingError(`is latin-1 and a fix would write '${text[i]}', which latin-1 cannot hold`);
    return Buffer.from(text, 'latin1');
  },
};

function codecFor(declared: string): Codec {
  const name = declared.toLowerCase().replace(/_/g, '-');
  if (['utf-8', 'utf8', 'utf-8-sig', 'u8'].includes(name)) return UTF8;
  if (['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', '8859', 'cp819'].includes(name)) return LATIN1;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name);
  } catch {
    throw new EncodingError(`declares the encoding '${declared}', which is not known`);
  }
  return singleByteCodec(declared, decoder) ?? { name: declared, decode: (bytes) => ({ text: decoder.decode(bytes) }), byteLength: () => 0 };
}

/** A legacy single-byte encoding (cp1252, iso-8859-15, …) maps each byte to one character, so it can be written back. */
function singleByteCodec(name: string, decoder: TextDecoder): Codec | undefined {
  const all = decoder.decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  if (all.length !== 256) return undefined;
  const back = new Map<string, number>();
  for (let i = 255; i >= 0; i--) back.set(all[i], i);
  return {
    name,
    decode: (bytes) => ({ text: decoder.decode(bytes) }),
    byteLength: (text) => text.length,
    encode(text) {
      return Uint8Array.from(text, (c) => {
        const b = back.get(c);
        if (b === undefined) throw new EncodingError(`is ${name} and a fix would write '${c}', which ${name} cannot hold`);
        return b;
      });
    },
  };
}

/** PEP 263: `coding[:=]name` in a comment on line 1 or 2 (line 2 only when line 1 is a comment or blank). */
function codingCookie(buf: Buffer): string | undefined {
  const head = buf
    .subarray(0, 512)
    .toString('latin1')
    .split(/\r\n|\r|\n/, 2);
  for (const [i, line] of head.entries()) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1];
    if (i === 0 && !/^[ \t\f]*(#.*)?$/.test(line)) return undefined;
  }
  return undefined;
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
function utf16WithoutBom(buf: Buffer): Codec | undefined {
  const n = Math.min(buf.length & ~1, 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.6 && even === 0) return UTF16LE;
  if (even > pairs * 0.6 && odd === 0) return UTF16BE;
  return undefined;
}

/** UTF-8 with invalid bytes: each invalid byte becomes one U+FFFD, and every index keeps its byte offset. */
function decodeLossyUtf8(bytes: Buffer): { text: string; offsets: Uint32Array } {
  const units: number[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const [cp, len] = readCodePoint(bytes, i);
    if (cp > 0xffff) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      offsets.push(i, i);
    } else {
      units.push(cp);
      offsets.push(i);
    }
    i += len;
  }
  offsets.push(bytes.length);
  let text = '';
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
  return { text, offsets: Uint32Array.from(offsets) };
}

/** One code point and its length in bytes; an invalid or truncated sequence is U+FFFD for one byte. */
function readCodePoint(b: Buffer, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!len || i + len > b.length) return [0xfffd, 1];
  let cp = c & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) {
    const next = b[i + k];
    if ((next & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (next & 0x3f);
  }
  const min = len === 3 ? 0x800 : len === 4 ? 0x10000 : 0x80;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [0xfffd, 1];
  return [cp, len];
}

function startsWith(buf: Buffer, prefix: number[]): boolean {
  return prefix.every((b, i) => buf[i] === b);
}

function swapPairs(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  out.swap16();
  return out;
}
