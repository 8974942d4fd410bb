import fc from 'fast-check';

/**
 * How generated lines become a file's bytes: line endings (LF, CRLF, CR-only or mixed), an optional
 * UTF-8 byte order mark, an optional final newline, and optional random byte mutations (which may make
 * the bytes invalid UTF-8). Shared by the Dockerfile and Python properties.
 */
export type Eol = '\n' | '\r\n' | '\r';

export interface Framing {
  endings: 'lf' | 'crlf' | 'cr' | 'mixed';
  /** For `mixed`: the ending of each line in turn (cycled). */
  mixed: Eol[];
  bom: boolean;
  finalNewline: boolean;
  mutations: Mutation[];
}

export interface Mutation {
  kind: 'insert' | 'delete' | 'replace';
  /** Scaled to the file's length when applied, so a mutation lands anywhere in it. */
  at: number;
  byte: number;
}

/** Bytes that matter most to the parsers and decoders, then any byte. */
const interestingByte = fc.oneof(
  fc.constantFrom(0x0a, 0x0d, 0x5c, 0x60, 0x22, 0x27, 0x23, 0x28, 0x29, 0x2c, 0x3a, 0x3d, 0x24, 0x7b, 0x7d, 0x20, 0x09),
  fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xef, 0xf0, 0xf4, 0xf8, 0xfe, 0xff),
  fc.integer({ min: 1, max: 255 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace') as fc.Arbitrary<Mutation['kind']>,
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  byte: interestingByte,
});

export function framing(mutate: boolean): fc.Arbitrary<Framing> {
  return fc.record({
    endings: fc.constantFrom('lf', 'crlf', 'cr', 'mixed') as fc.Arbitrary<Framing['endings']>,
    mixed: fc.array(fc.constantFrom<Eol>('\n', '\r\n', '\r'), { minLength: 2, maxLength: 6 }),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    mutations: mutate ? fc.array(mutation, { minLength: 1, maxLength: 3 }) : fc.constant([]),
  });
}

export function eolOf(f: Framing, line: number): Eol {
  switch (f.endings) {
    case 'lf':
      return '\n';
    case 'crlf':
      return '\r\n';
    case 'cr':
      return '\r';
    default:
      return f.mixed[line % f.mixed.length];
  }
}

/** Joins lines with the framing's endings; the text before any BOM or mutation. */
export function joinLines(lines: string[], f: Framing): string {
  let out = '';
  lines.forEach((line, i) => {
    out += line;
    if (i < lines.length - 1 || f.finalNewline) out += eolOf(f, i);
  });
  return out;
}

/** The file's bytes: UTF-8, optional BOM, then the mutations. */
export function toBytes(lines: string[], f: Framing): Buffer {
  const body = Buffer.from(joinLines(lines, f), 'utf8');
  let bytes: Buffer = f.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  for (const m of f.mutations) bytes = mutate(bytes, m);
  return bytes;
}

export function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = Math.min(Math.floor(m.at * (bytes.length + (m.kind === 'insert' ? 1 : 0))), Math.max(bytes.length - (m.kind === 'insert' ? 0 : 1), 0));
  if (m.kind === 'insert') return Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at)]);
  if (!bytes.length) return bytes;
  if (m.kind === 'delete') return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
  const out = Buffer.from(bytes);
  out[at] = m.byte;
  return out;
}

/** Fixed seed and case count for `npm test`; `CS_PROPERTY_RUNS` (and `CS_PROPERTY_SEED`) run more or others. */
export function runSettings(defaultRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.CS_PROPERTY_RUNS);
  const seed = Number(process.env.CS_PROPERTY_SEED);
  return { seed: Number.isInteger(seed) ? seed : 20261127, numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns };
}

/** Unicode that stresses UTF-16 positions: accents, CJK, an astral emoji (a surrogate pair), a combining mark. */
export const unicodeWord = fc.constantFrom('café', 'Zürich', '数据', '🐳', 'naïve', 'e\u0301', '𝔘', 'Ωmega', 'ß');

/**
 * `CS_PROPERTY_SURVEY=1` records every failing property by signature (with its smallest input) instead
 * of stopping at the first, so one long run shows every distinct bug; the test still fails if any.
 */
export class Survey {
  readonly enabled = process.env.CS_PROPERTY_SURVEY === '1';
  private readonly seen = new Map<string, { count: number; example: string }>();

  private cases = 0;

  /** `progress` is printed every 10,000 cases, so a long run shows where it stands. */
  async run(input: () => string, check: () => Promise<void>, progress?: () => string): Promise<void> {
    if (!this.enabled) return check();
    if (++this.cases % 10000 === 0) console.log(`${new Date().toISOString()} ${this.cases} cases, ${this.failures} failing ${progress?.() ?? ''}`);
    try {
      await check();
    } catch (e) {
      const signature = String((e as Error).message)
        .split('\n')[0]
        .replace(/\d+/g, 'N')
        .slice(0, 160);
      const example = input();
      const had = this.seen.get(signature);
      if (!had) this.seen.set(signature, { count: 1, example });
      else {
        had.count++;
        if (example.length < had.example.length) had.example = example;
      }
    }
  }

  report(name: string): string {
    return [...this.seen].map(([sig, { count, example }]) => `${name}: ${count} × ${sig}\n  smallest: ${example}`).join('\n');
  }

  get failures(): number {
    return [...this.seen.values()].reduce((n, s) => n + s.count, 0);
  }
}

/** Bytes as a JavaScript string literal when they are UTF-8, else as hex: short enough to paste into a regression test. */
export function describeBytes(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? JSON.stringify(text) : `hex:${bytes.toString('hex')}`;
}
