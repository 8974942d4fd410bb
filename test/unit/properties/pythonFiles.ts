import fc from 'fast-check';
import { unicodeWord } from './framing';

/**
 * Python files as lines: hashlib/hmac/functools imports and aliases, the calls the FIPS rules look at
 * (md5, new, pbkdf2_hmac, file_digest, hmac.new/digest/HMAC, functools.partial), references to md5,
 * nested functions and classes, noqa/nosec pragmas, and argument lists on one line or several, with
 * and without trailing commas, with comments after arguments. Meant to compile; the properties ask
 * CPython whether each one does.
 */
interface Names {
  /** How the hashlib module is reached (`hashlib`, `hl`), if it is imported as a module. */
  mod: string[];
  /** Bare names bound to hashlib.md5 / hashlib.new (from-imports). */
  md5: string[];
  newFn: string[];
  hmac: string[];
  partial: string[];
}

const IMPORTS: { line: string; add: Partial<Names> }[] = [
  { line: 'import hashlib', add: { mod: ['hashlib'] } },
  { line: 'import hashlib as hl', add: { mod: ['hl'] } },
  { line: 'import os, hashlib', add: { mod: ['hashlib'] } },
  { line: 'from hashlib import md5', add: { md5: ['md5'] } },
  { line: 'from hashlib import md5 as m', add: { md5: ['m'] } },
  { line: 'from hashlib import new', add: { newFn: ['new'] } },
  { line: 'from hashlib import (\n    md5 as digest_md5,\n    new as hnew,\n)', add: { md5: ['digest_md5'], newFn: ['hnew'] } },
  { line: 'from hashlib import *', add: { md5: ['md5'], newFn: ['new'] } },
  { line: 'import hmac', add: { hmac: ['hmac'] } },
  { line: 'import hmac as hm', add: { hmac: ['hm'] } },
  { line: 'import functools', add: { partial: ['functools.partial'] } },
  { line: 'import functools as ft', add: { partial: ['ft.partial'] } },
  { line: 'from functools import partial', add: { partial: ['partial'] } },
];

const PRAGMAS = [
  '  # noqa',
  '  # noqa: FIPS001',
  '  # noqa: FIPS001, FIPS004',
  '  # noqa: S324',
  '  # nosec',
  '  # nosec B324',
  '  # noqa:FIPS003',
  '  # NOQA: fips005',
  '  # type: ignore',
];

export interface GeneratedPython {
  lines: string[];
}

/** An argument list: items, rendered on one line or several. */
interface Call {
  callee: string;
  args: string[];
  suffix: string;
}

const value = fc.constantFrom('data', 'b"x"', 'body', '"é".encode()', 'password.encode()', 'url.encode("utf-8")', 'chunk[0:10]', '*parts', 'b""');
const keyword = fc.constantFrom('usedforsecurity=False', 'usedforsecurity=True', 'usedforsecurity=flag', 'usedforsecurity = False', 'string=data');
const suffix = fc.constantFrom('', '', '.hexdigest()', '.digest()', '.update(b"y")', '.hexdigest()[:8]');

function layout(indent: string): fc.Arbitrary<(call: Call) => string[]> {
  return fc
    .record({
      multiline: fc.boolean(),
      trailingComma: fc.boolean(),
      comments: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      hanging: fc.boolean(),
      closeIndent: fc.constantFrom('', indent),
      word: unicodeWord,
    })
    .map((l) => (call: Call) => {
      const { args } = call;
      if (!l.multiline || !args.length)
        return [`${call.callee}(${args.join(', ')}${l.trailingComma && args.length && !args.some((a) => a.startsWith('**')) ? ',' : ''})${call.suffix}`];
      const comment = (i: number) => (l.comments[i % 6] ? `  # note ${i} ${l.word}` : '');
      const canTrail = !args.some((a) => a.startsWith('**') || a.startsWith('*'));
      if (l.hanging) {
        // call(a,
        //      b)
        const pad = ' '.repeat(call.callee.length + 1);
        return args.map((a, i) => {
          const last = i === args.length - 1;
          const text = (i === 0 ? `${call.callee}(` : pad) + a + (last ? (l.trailingComma && canTrail ? ',' : '') : ',');
          return last ? `${text})${call.suffix}` : text + comment(i);
        });
      }
      // black's layout: one argument a line, the closing parenthesis alone.
      return [
        `${call.callee}(`,
        ...args.map((a, i) => `${indent}${a}${i < args.length - 1 || (l.trailingComma && canTrail) ? ',' : ''}${comment(i)}`),
        `${l.closeIndent})${call.suffix}`,
      ];
    });
}

function calls(n: Names): fc.Arbitrary<Call>[] {
  const positional = fc.array(value, { maxLength: 3 }).map((vs) => {
    // A starred argument goes last among the positionals to keep each order legal.
    return [...vs.filter((v) => !v.startsWith('*')), ...vs.filter((v) => v.startsWith('*'))];
  });
  const kw = fc.array(keyword, { maxLength: 1 });
  const star = fc.constantFrom([], [], [], ['**kwargs']);
  const args = (head: fc.Arbitrary<string[]>) => fc.tuple(head, positional, kw, star).map(([h, p, k, s]) => [...h, ...p, ...k, ...s]);
  const md5Names = [...n.mod.map((m) => `${m}.md5`), ...n.md5, '(hashlib.md5)'];
  const newNames = [...n.mod.map((m) => `${m}.new`), ...n.newFn];
  const mod = n.mod.length ? n.mod : ['hashlib'];
  const digestName = fc.constantFrom('"md5"', "'MD5'", '"sha256"', '"ripemd160"', '"md4"', 'algo');
  const out: fc.Arbitrary<Call>[] = [
    fc.tuple(fc.constantFrom(...md5Names), args(fc.constant([])), suffix).map(([callee, a, s]) => ({ callee, args: a, suffix: s })),
    fc
      .tuple(fc.constantFrom(...mod), fc.constantFrom('sha256', 'blake2b', 'sha1', 'sha3_256'), args(fc.constant([])), suffix)
      .map(([m, f, a, s]) => ({ callee: `${m}.${f}`, args: a, suffix: s })),
    fc.tuple(fc.constantFrom(...mod), digestName, fc.constantFrom('pw', 'password'), fc.boolean()).map(([m, d, pw, byName]) => ({
      callee: `${m}.pbkdf2_hmac`,
      args: byName ? [`hash_name=${d}`, `password=${pw}`, 'salt=salt', 'iterations=100_000'] : [d, pw, 'salt', '100_000'],
      suffix: '',
    })),
    fc.tuple(fc.constantFrom(...mod), digestName).map(([m, d]) => ({ callee: `${m}.file_digest`, args: ['f', d], suffix: '.hexdigest()' })),
  ];
  if (newNames.length)
    out.push(
      fc.tuple(fc.constantFrom(...newNames), digestName, fc.boolean(), args(fc.constant([])), suffix).map(([callee, d, byName, a, s]) => ({
        callee,
        args: [byName ? `name=${d}` : d, ...a.filter((x) => !x.startsWith('*') || x.startsWith('**'))].sort((x, y) => rank(x) - rank(y)),
        suffix: s,
      })),
    );
  if (n.hmac.length) {
    const hm = fc.constantFrom(...n.hmac);
    const digestmod = fc.constantFrom(...md5Names, '"md5"', '"MD5"', `${mod[0]}.sha256`, '"sha256"');
    out.push(
      fc
        .tuple(hm, digestmod, fc.boolean())
        .map(([h, d, byName]) => ({ callee: `${h}.new`, args: ['key', 'msg', byName ? `digestmod=${d}` : d], suffix: '.hexdigest()' })),
      fc.tuple(hm, digestmod).map(([h, d]) => ({ callee: `${h}.digest`, args: ['key', 'msg', d], suffix: '' })),
      fc.tuple(hm, digestmod).map(([h, d]) => ({ callee: `${h}.HMAC`, args: ['key', `digestmod=${d}`], suffix: '' })),
    );
  }
  if (n.partial.length) {
    out.push(
      fc
        .tuple(
          fc.constantFrom(...n.partial),
          fc.constantFrom(...md5Names),
          fc.array(fc.constantFrom('b"seed"', 'usedforsecurity=False', 'usedforsecurity=True'), { maxLength: 2 }),
        )
        .map(([p, m, a]) => ({ callee: p, args: [m, ...a].sort((x, y) => rank(x) - rank(y)), suffix: '' })),
    );
  }
  return out;
}

/** Positional, then keyword, then `**` arguments: the only order that compiles. */
function rank(arg: string): number {
  return arg.startsWith('**') ? 2 : /^\w+ ?=/.test(arg) ? 1 : 0;
}

export function pythonArbitrary(): fc.Arbitrary<GeneratedPython> {
  return fc
    .tuple(fc.subarray(IMPORTS, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), fc.constantFrom('    ', '  ', '\t'), fc.boolean())
    .chain(([imports, docstring, future, indent, importInside]) => {
      const names: Names = { mod: [], md5: [], newFn: [], hmac: [], partial: [] };
      for (const i of imports) for (const [k, v] of Object.entries(i.add) as [keyof Names, string[]][]) names[k].push(...v);
      const head = [
        ...(docstring ? ['"""Module docstring: hashlib.md5( in a string is not a call."""'] : []),
        ...(future ? ['from __future__ import annotations'] : []),
      ];
      const importLines = imports.flatMap((i) => i.line.split('\n'));
      return statements(names, indent, '', 2).map((body) => ({
        lines:
          importInside && body.length
            ? [...head, 'try:', ...importLines.map((l) => indent + l), 'except ImportError:', `${indent}pass`, ...body]
            : [...head, ...importLines, ...body],
      }));
    });
}

function statements(n: Names, unit: string, indent: string, depth: number): fc.Arbitrary<string[]> {
  return fc.array(statement(n, unit, indent, depth), { minLength: 1, maxLength: depth === 2 ? 5 : 3 }).map((ss) => ss.flat());
}

function statement(n: Names, unit: string, indent: string, depth: number): fc.Arbitrary<string[]> {
  const call = fc.oneof(...calls(n));
  const target = fc.constantFrom('etag', 'password_hash', 'token', 'cache_key', 'signature', 'x', 'api_key', 'checksum', 'café');
  const pragma = fc.option(fc.constantFrom(...PRAGMAS), { freq: 4 });
  const simple = fc
    .tuple(
      fc.constantFrom('assign', 'bare', 'assert', 'return', 'dict', 'list', 'arg', 'lambda', 'kwarg'),
      target,
      call,
      layout(unit),
      pragma,
      fc.constantFrom(...n.md5, ...n.mod.map((m) => `${m}.md5`), 'hashlib.md5'),
    )
    .map(([form, t, c, render, p, ref]) => {
      if (form === 'dict') return [`${indent}ALGORITHMS = {"md5": ${ref}, "sha": None}${p ?? ''}`];
      if (form === 'list') return [`${indent}choices = [${ref}]${p ?? ''}`];
      if (form === 'arg') return [`${indent}register(${ref})${p ?? ''}`];
      if (form === 'lambda')
        return [`${indent}hasher = lambda d: ${render({ ...c, suffix: '' }).join(' ')}${p ?? ''}`].filter(() => !render(c).some((l) => l.includes('#')));
      const lines = render(c);
      const lead =
        form === 'assign' ? `${t} = ` : form === 'assert' ? 'assert ' : form === 'return' && depth < 2 ? 'return ' : form === 'kwarg' ? `store(${t}=` : '';
      const close = form === 'kwarg' ? ')' : '';
      const out = lines.map((l, i) => (i === 0 ? indent + lead + l : indent + l) + (i === lines.length - 1 ? close : ''));
      // A pragma goes on the line where the finding starts; a line that ends in a comment takes none.
      if (p && !out[0].includes('#')) out[0] += p;
      return out;
    });
  const other = fc
    .constantFrom(
      'pass',
      's = "hashlib.md5(x) in a string"',
      'n = 1  # hashlib.md5(x) in a comment',
      'md5_like = sha256',
      'café = "é🐳"',
      'flag = False',
      'data = b"\\xff"',
      'x = """\nhashlib.md5(\n"""',
    )
    .map((s) => s.split('\n').map((l, i) => (i === 0 ? indent + l : l)));
  if (depth === 0) return fc.oneof({ weight: 4, arbitrary: simple }, { weight: 1, arbitrary: other });
  const inner = indent + unit;
  const block = fc
    .tuple(
      fc.constantFrom(
        'def sign_request(data, key=None):',
        'def etag(body):',
        'async def fetch(url, *args, **kwargs):',
        'class Hasher:',
        'class Token(object):',
        'if flag:',
        'for chunk in parts:',
        'with open(path, "rb") as f:',
        'try:',
        'while False:',
        '@functools.lru_cache()\ndef cached(d):',
        'def compute(\n    data,\n    usedforsecurity=False,\n):',
      ),
      statements(n, unit, inner, depth - 1),
    )
    .map(([head, body]) => {
      const headLines = head.split('\n').map((l) => indent + l);
      const tail = head === 'try:' ? [`${indent}except Exception:  # é`, `${inner}pass`] : [];
      return [...headLines, ...body, ...tail];
    });
  return fc.oneof({ weight: 4, arbitrary: simple }, { weight: 1, arbitrary: other }, { weight: 2, arbitrary: block });
}
