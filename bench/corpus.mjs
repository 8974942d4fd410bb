// Deterministic corpora for the benchmark: the same seed gives the same bytes on every machine, so
// runs can be compared. Dockerfiles in the styles of the Gen3 and Defra services (compliant and not,
// with ARGs, heredocs and several stages) and Python files of realistic size, a few using hashlib.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

const GEN3_BASES = [
  'quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION}',
  'quay.io/cdis/amazonlinux-base:3.13-pythonnginx',
  'quay.io/cdis/python:python3.9-buster-2.0.0',
  'quay.io/cdis/python-nginx-al:master',
  'quay.io/cdis/amazonlinux:python3.9-master',
  'python:3.7-alpine',
  'ubuntu:16.04',
];
const DEFRA_BASES = ['defradigital/python:${PARENT_VERSION}', 'defradigital/python:2.0.1-python3.13.9', 'defradigital/python:latest', 'python:3.12-slim'];

function runLine(r, manager) {
  const pkgs = Array.from({ length: 1 + r.int(5) }, () =>
    r.pick(['curl', 'git', 'gcc', 'make', 'openssl-devel', 'libffi-devel', 'postgresql-devel', 'jq', 'vim', 'unzip']),
  );
  return manager === 'dnf'
    ? `RUN dnf update -y && \\\n    dnf install -y ${pkgs.join(' ')} && \\\n    dnf clean all && \\\n    rm -rf /var/cache/yum`
    : `RUN apt-get update && \\\n    apt-get install -y --no-install-recommends ${pkgs.join(' ')} && \\\n    rm -rf /var/lib/apt/lists/*`;
}

export function gen3Dockerfile(r) {
  const base = r.chance(0.7) ? GEN3_BASES[0] : r.pick(GEN3_BASES);
  const service = r.pick(['fence', 'indexd', 'peregrine', 'requestor', 'audit-service', 'sheepdog', 'arborist']);
  const out = [
    'ARG AZLINUX_BASE_VERSION=3.13-pythonnginx',
    '',
    `FROM ${base} AS base`,
    '',
    `ENV appname=${service}`,
    '',
    'WORKDIR /${appname}',
    '',
    'FROM base AS builder',
    '',
    'USER root',
  ];
  out.push(runLine(r, 'dnf'));
  out.push('', 'USER gen3', '', `COPY --chown=gen3:gen3 poetry.lock pyproject.toml /\${appname}/`, 'RUN poetry install -vv --only main --no-interaction', '');
  if (r.chance(0.3)) out.push('RUN <<EOF\nset -e\ngit config --global --add safe.directory /${appname}\ngit rev-parse HEAD > version_data.txt\nEOF', '');
  out.push('COPY . /${appname}', '', 'FROM base', '');
  if (r.chance(0.5)) out.push('USER root', runLine(r, 'dnf'), '');
  out.push(`COPY ${r.chance(0.5) ? '--chown=gen3:gen3 ' : ''}--from=builder /\${appname} /\${appname}`, '');
  if (r.chance(0.85)) out.push('USER gen3', '');
  out.push(`CMD ["/bin/bash", "-c", "/${service}/dockerrun.bash"]`);
  return out.join('\n') + '\n';
}

export function defraDockerfile(r) {
  const dev = r.chance(0.7) ? DEFRA_BASES[0].replace('python', 'python-development') : r.pick(DEFRA_BASES);
  const prod = r.chance(0.7) ? DEFRA_BASES[0] : r.pick(DEFRA_BASES);
  const out = [
    `ARG PARENT_VERSION=2.${r.int(3)}.${r.int(4)}-python3.1${2 + r.int(3)}.${r.int(10)}`,
    '',
    `FROM ${dev} AS development`,
    '',
    'ENV PYTHONPATH="/home/nonroot"',
    'ENV LOG_CONFIG="logging-dev.json"',
    '',
  ];
  if (r.chance(0.4)) out.push('USER root', runLine(r, 'apt'), 'USER nonroot', '');
  out.push(
    `COPY ${r.chance(0.6) ? '--chown=nonroot:nonroot ' : ''}pyproject.toml uv.lock ./`,
    'RUN uv sync --frozen --no-cache',
    '',
    'COPY --chown=nonroot:nonroot app/ ./app/',
    '',
    'CMD ["-m", "app.main"]',
    '',
  );
  out.push(`FROM ${prod} AS production`, '', 'ENV PYTHONPATH="/home/nonroot"', '');
  if (r.chance(0.4)) out.push('USER root', runLine(r, 'apt'), ...(r.chance(0.8) ? ['USER nonroot'] : []), '');
  out.push(
    'COPY --from=development /home/nonroot/.venv .venv/',
    'COPY --chown=nonroot:nonroot app/ ./app/',
    '',
    'ARG PORT=8085',
    'EXPOSE ${PORT}',
    '',
    'CMD ["-m", "app.main"]',
  );
  return out.join('\n') + '\n';
}

/** The shape of repro F15: `count` stages, each `FROM python:3.N AS sI` then `USER root`. */
export function stagesDockerfile(count) {
  let out = '';
  for (let i = 0; i < count; i++) out += `FROM python:3.${i % 10} AS s${i}\nUSER root\n`;
  return out;
}

/**
 * Hostile Dockerfiles of `count` stages that once took quadratic time (issue 11 item 5): a pragma on every
 * stage, `USER $U` in every stage, or a global ARG for every `FROM $V…`.
 */
export function hostileDockerfile(count, kind) {
  let out = '';
  if (kind === 'pragma') for (let i = 0; i < count; i++) out += `# container-standards ignore=IMG001\nFROM python:3.${i % 10} AS s${i}\nUSER root\n`;
  else if (kind === 'user-var') for (let i = 0; i < count; i++) out += `FROM python:3.${i % 10} AS s${i}\nENV U=gen3\nUSER $U\n`;
  else if (kind === 'arg-per-from') {
    for (let i = 0; i < count; i++) out += `ARG V${i}=3.${i % 10}\n`;
    for (let i = 0; i < count; i++) out += `FROM python:$V${i} AS s${i}\nUSER root\n`;
  } else throw new Error(kind);
  return out;
}

const WORDS = ['user', 'record', 'token', 'index', 'payload', 'session', 'config', 'value', 'item', 'result', 'client', 'bucket', 'manifest', 'object'];

function pyFunction(r, i, hashing) {
  const a = r.pick(WORDS);
  const b = r.pick(WORDS);
  const lines = [`def ${a}_${b}_${i}(${a}, ${b}=None, **kwargs):`, `    """Return the ${b} of a ${a}, or None when it is missing."""`];
  const body = 3 + r.int(12);
  for (let k = 0; k < body; k++) {
    switch (r.int(7)) {
      case 0:
        lines.push(`    if ${a} is None:`, `        return None`);
        break;
      case 1:
        lines.push(`    ${b} = ${b} or {}`);
        break;
      case 2:
        lines.push(`    for key, val in ${a}.items():`, `        ${b}[key] = str(val).strip()`);
        break;
      case 3:
        lines.push(`    values = [x * ${k} for x in range(${r.int(100)}) if x % ${1 + r.int(5)}]`);
        break;
      case 4:
        lines.push(`    try:`, `        result = kwargs["${a}"]`, `    except KeyError as err:`, `        logger.warning("missing %s: %s", "${a}", err)`);
        break;
      case 5:
        lines.push(`    text = f"{${a}!r}-{len(${b} or ())}"  # format for the log`);
        break;
      default:
        lines.push(`    ${b} = dict(${b}, extra=lambda v: v + ${k})`);
    }
  }
  if (hashing) {
    lines.push(
      r.pick([
        `    digest = hashlib.md5(str(${a}).encode("utf-8")).hexdigest()`,
        `    digest = hashlib.md5(str(${a}).encode("utf-8"), usedforsecurity=False).hexdigest()`,
        `    digest = hashlib.sha256(str(${a}).encode("utf-8")).hexdigest()`,
        `    digest = hmac.new(key, str(${a}).encode(), hashlib.md5).hexdigest()`,
        `    digest = hashlib.new("md5", ${a}).hexdigest()`,
      ]),
    );
  }
  lines.push(`    return ${b}`, '', '');
  return lines;
}

/** A Python module of about `lines` lines; `hashing` adds hashlib/hmac imports and uses. */
export function pythonModule(r, lines, hashing) {
  const out = [
    '"""Service helpers."""',
    'import json',
    'import logging',
    'import os',
    ...(hashing ? ['import hashlib', 'import hmac'] : []),
    'from typing import Any, Optional',
    '',
    'logger = logging.getLogger(__name__)',
    '',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    if (i % 9 === 8) {
      out.push(
        `class Handler${i}:`,
        `    name = "handler-${i}"`,
        '',
        `    def __init__(self, client):`,
        `        self.client = client`,
        '',
        `    def run(self, item):`,
        `        return self.client.send(json.dumps(item))`,
        '',
        '',
      );
    } else {
      out.push(...pyFunction(r, i, hashing && r.chance(0.3)));
    }
  }
  return out.join('\n') + '\n';
}

/** Nested scopes with no indentation (lambdas) and nested brackets, `depth` levels, an MD5 call at the centre. */
export function nestedPython(depth, kind = 'lambda') {
  const inner = 'hashlib.md5(data)';
  if (kind === 'lambda') return `import hashlib\nf = ${'lambda: '.repeat(depth)}${inner}\n`;
  if (kind === 'paren') return `import hashlib\nx = hashlib.md5(${'('.repeat(depth)}data${')'.repeat(depth)})\n`;
  if (kind === 'attribute') return `import hashlib\nx = hashlib.md5(data)${'.a'.repeat(depth)}\n`;
  if (kind === 'list') return `import hashlib\nx = ${'['.repeat(depth)}${inner}${']'.repeat(depth)}\n`;
  throw new Error(kind);
}

/**
 * Writes the generated corpus under `dir`: `docker/` (Dockerfiles), `python/` (Python files, a few
 * percent using hashlib) and `dense/` (Python files that all use hashlib, so every one is parsed).
 * `scale` multiplies the file counts (for the 4× memory run).
 */
export function writeCorpus(dir, { dockerfiles = 2000, python = 2000, dense = 300, scale = 1, seed = 12 } = {}) {
  const r = rng(seed);
  const counts = { docker: 0, python: 0, dense: 0, bytes: 0 };
  const put = (sub, name, text) => {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, name), text);
    counts[sub]++;
    counts.bytes += Buffer.byteLength(text);
  };
  for (let i = 0; i < dockerfiles * scale; i++) put('docker', `${i}.Dockerfile`, i % 2 ? defraDockerfile(r) : gen3Dockerfile(r));
  for (let i = 0; i < python * scale; i++) put('python', `m${i}.py`, pythonModule(r, 100 + r.int(500), r.chance(0.04)));
  for (let i = 0; i < dense * scale; i++) put('dense', `d${i}.py`, pythonModule(r, 100 + r.int(500), true));
  return counts;
}
