import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint } from '../../../server/src/engine';
import { ruleTester } from '../helpers/ruleTester';

const GO = 'FROM quay.io/cdis/golang:1.23-bookworm AS build\nRUN go build -o /bin/app\nFROM scratch\nCOPY --from=build /bin/app /app\nENTRYPOINT ["/app"]\n';
const LIQUIBASE = 'FROM liquibase/liquibase:4.29\nCOPY changelog /liquibase/changelog\nCMD ["update"]\n';

ruleTester('SCP001', {
  valid: [
    { name: 'python in RUN', code: 'FROM debian:12\nRUN apt-get install -y python3 && pip3 install flask\n' },
    { name: 'a Python program as a path in CMD', code: 'FROM alpine:3.20\nCMD ["/venv/bin/gunicorn", "app:app"]\n' },
    { name: 'uv in a RUN heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\nuv sync --locked\nEOF\n' },
    { name: 'COPY of a requirements file', code: 'FROM alpine:3.20\nCOPY requirements-dev.txt /tmp/\n' },
    { name: 'COPY of pyproject.toml and uv.lock in one', code: 'FROM alpine:3.20\nCOPY --chown=app pyproject.toml uv.lock ./\n' },
    { name: 'a Python base image', code: 'FROM python:3.9-slim\nCMD ["./run.sh"]\n' },
    { name: 'an ENV only Python reads', code: 'FROM alpine:3.20\nENV PYTHONUNBUFFERED=1\n' },
    { name: 'a retired image of the profile', code: 'FROM quay.io/cdis/py27base:pybase2-1.0.2\n' },
    { name: "the profile's Python image", code: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nRUN dnf install -y jq\n' },
    {
      name: "the profile's image through its mirror, tag from an ARG without a value",
      code: 'ARG TAG\nFROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:${TAG}\n',
    },
    { name: 'a Python program after a wrapper', code: 'FROM debian:12\nRUN exec /venv/bin/gunicorn app:app\n' },
    { name: "a Python program in a shell's -c script", code: "FROM debian:12\nRUN bash -c 'python3 -m venv /venv'\n" },
    { name: 'installing Python and then running it', code: 'FROM debian:12\nRUN apt-get install -y python3 && python3 -m venv /venv\n' },
    { name: 'defra: the Defra parent image', profile: 'defra', code: 'FROM defradigital/python:2.7.0-python3.14.6 AS production\n' },
    { name: 'an empty file', code: '' },
  ],
  invalid: [
    {
      name: 'a Go service: one note on the first FROM, nothing else',
      code: GO,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 5,
          severity: 'info',
          message: 'No sign that this Dockerfile builds a Python application, so the gen3 image and user rules do not apply.',
        },
      ],
    },
    {
      name: 'defra: a Liquibase image',
      profile: 'defra',
      code: LIQUIBASE,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 5,
          message: 'No sign that this Dockerfile builds a Python application, so the defra image and user rules do not apply.',
        },
      ],
    },
    {
      name: 'python3 installed as a package for a Node build tool (node-gyp) is no evidence',
      code: "FROM node:24-alpine AS production\nUSER node\nFROM production AS development\nUSER root\nRUN apk add --no-cache bash 'g++' git make 'python3'\nUSER node\n",
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: "a Go service on Gen3's hardened image (no Python in it)",
      code: 'ARG AZLINUX_BASE_VERSION=hardened\nFROM quay.io/cdis/golang:1.23-bookworm AS build-deps\nCOPY . .\nRUN go build -o /sower\nFROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION}\nCOPY --from=build-deps /sower /sower\nUSER nobody\nCMD ["/sower"]\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'a Node service on an unknown tag of the mirror',
      code: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:nodejs24-base\nCOPY . .\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'a word like "pipeline" or a file like pip.conf is no evidence',
      code: 'FROM node:22-alpine\nRUN npm run pipeline && cat pip.conf.example\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1 }],
    },
  ],
});

describe('SCP001 scope', () => {
  const codes = async (text: string, options: { scope?: 'python-app' | 'outside' | 'auto'; siblings?: string[] } = {}, profile = 'gen3') =>
    (await lint(text, 'dockerfile', { profile: builtinProfile(profile)!, ...options })).findings.map((f) => f.code);

  it('outside the scope only SCP001 runs: a Go image gets no IMG001 and no USR001', async () => {
    assert.deepEqual(await codes(GO), ['SCP001']);
  });

  it('a pyproject.toml or setup.py beside the Dockerfile is evidence (the face passes the names in)', async () => {
    const SERVICE = 'FROM debian:12\nCOPY . /srv\nCMD ["/srv/run"]\n';
    assert.ok(!(await codes(SERVICE, { siblings: ['go.mod', 'pyproject.toml'] })).includes('SCP001'));
    assert.ok((await codes(SERVICE, { siblings: ['setup.py'] })).includes('IMG001'));
    assert.deepEqual(await codes(SERVICE, { siblings: ['go.mod', 'README.md'] }), ['SCP001']);
  });

  it('...but not for an image that takes no files from its folder (a Postgres image with pgvector beside a Python project)', async () => {
    const PGVECTOR =
      'FROM postgres:16.6-alpine3.21 AS pg-builder\nRUN apk add git build-base && make install\nFROM postgres:16.6-alpine3.21\nCOPY --from=pg-builder /usr/local/lib/postgresql/vector.so /usr/local/lib/postgresql/vector.so\n';
    assert.deepEqual(await codes(PGVECTOR, { siblings: ['pyproject.toml', 'uv.lock'] }, 'defra'), ['SCP001']);
    assert.deepEqual(await codes(GO, { siblings: ['go.mod', 'pyproject.toml'] }), ['SCP001']);
  });

  it('the configuration forces the scope either way', async () => {
    assert.ok((await codes(GO, { scope: 'python-app' })).includes('IMG001'));
    assert.ok(!(await codes(GO, { scope: 'python-app' })).includes('SCP001'));
    const outside = await lint('FROM python:3.9-slim\nCMD ["python", "app.py"]\n', 'dockerfile', { profile: builtinProfile('gen3')!, scope: 'outside' });
    assert.deepEqual(
      outside.findings.map((f) => f.code),
      ['SCP001'],
    );
    assert.match(outside.findings[0].message, /^The configuration puts this Dockerfile outside the gen3 standard \(all Python application images\)/);
  });

  it('a profile covering all images never reports SCP001', async () => {
    const all = { ...builtinProfile('gen3')!, scope: { covers: 'all-images' as const, description: 'every image' } };
    const { findings } = await lint(GO, 'dockerfile', { profile: all });
    assert.ok(findings.some((f) => f.code === 'IMG001'));
    assert.ok(!findings.some((f) => f.code === 'SCP001'));
  });
});
