import { ruleTester } from '../helpers/ruleTester';

ruleTester('IMG001', {
  valid: [
    'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    { name: 'an earlier stage by its alias', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM builder\n' },
    { name: 'alias compared case-insensitively', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS Builder\nFROM builder\n' },
    {
      name: 'ARG default resolves to an approved image',
      code: 'ARG AZLINUX_BASE_VERSION=3.13-pythonnginx\nFROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION} AS base\n',
    },
    { name: 'mirror is IMG005, not IMG001', code: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\n' },
    { name: 'unresolved variable is IMG006, not IMG001', code: 'FROM ${BASE}\n' },
    { name: 'FROM inside a heredoc is not an instruction', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase\nRUN <<EOT\nFROM python:3.13\nEOT\n' },
    { name: 'defra production image', profile: 'defra', code: 'FROM defradigital/python:2.0.1-python3.13.9\n' },
    { name: 'defra image with docker.io prefix', profile: 'defra', code: 'FROM docker.io/defradigital/python:2.0.1-python3.13.9\n' },
    { name: 'lowercase instruction and platform flag', code: 'from --platform=linux/amd64 quay.io/cdis/amazonlinux-base:3.13-pythonbase as app\n' },
    { name: 'approved repository, tag from a variable with no value: IMG006', code: 'FROM quay.io/cdis/amazonlinux-base:${TAG}\nCMD ["gunicorn"]\n' },
    { name: 'a variable that may extend the repository name: IMG006', code: 'FROM quay.io/cdis/python${SUFFIX}:3.9\nCMD ["gunicorn"]\n' },
    {
      name: 'an ARG default naming another ARG takes its value (uc-cdis/containers)',
      code: 'ARG ROOT_CONTAINER=quay.io/cdis/amazonlinux-base:3.13-pythonbase\nARG BASE_CONTAINER=$ROOT_CONTAINER\nFROM $BASE_CONTAINER\nCMD ["gunicorn"]\n',
    },
    {
      name: 'an ARG default naming an ARG with no value is unknown: IMG006',
      code: 'ARG BASE_CONTAINER=${ROOT_CONTAINER}\nFROM $BASE_CONTAINER\nCMD ["gunicorn"]\n',
    },
    {
      name: 'mirror with a stable tag: IMG005 only',
      code: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    },
  ],
  invalid: [
    {
      name: 'an ARG default naming another ARG: the image it resolves to is judged, not the variable',
      code: 'ARG ROOT_CONTAINER=python:3.13\nARG BASE_CONTAINER=${ROOT_CONTAINER:-alpine}\nFROM $BASE_CONTAINER\nCMD ["gunicorn"]\n',
      errors: [{ line: 2, column: 20, endColumn: 45, message: /^'python' is not an approved base image/ }],
    },
    {
      name: 'two FROMs use one ARG default: one finding, and its fix mends both FROMs',
      code: 'ARG BASE=python\nFROM $BASE:3.9\nRUN pip wheel . -w /wheels\nFROM ${BASE}:3.9-slim\nCMD ["app"]\n',
      errors: [{ line: 1, column: 10, endColumn: 16 }],
      applicability: 'unsafe',
      output:
        'ARG BASE=python\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nRUN pip wheel . -w /wheels\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nCMD ["app"]\n',
    },
    {
      code: 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n',
      errors: [{ line: 1, column: 6, endColumn: 12, severity: 'error', message: /'python' is not an approved base image/ }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["python"]\n',
      fixes: ["unsafe: Use 'quay.io/cdis/amazonlinux-base:3.13-pythonbase'", "unsafe: Use 'quay.io/cdis/amazonlinux-base:3.13-buildbase'"],
    },
    {
      name: 'builder stage gets the build base',
      code: 'FROM python:3.13 AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
      errors: [{ line: 1, column: 6, endColumn: 12 }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    },
    {
      name: 'look-alike: a longer repository name',
      code: 'FROM quay.io/cdis/amazonlinux-base-dev:3.13-pythonbase\n',
      errors: [{ line: 1, column: 6, endColumn: 39 }],
    },
    {
      name: 'look-alike: same path on another registry',
      code: 'FROM ghcr.io/cdis/amazonlinux-base:3.13-pythonbase\n',
      errors: [{ line: 1, column: 6, endColumn: 35 }],
    },
    {
      name: 'retired Gen3 image names its successor',
      code: 'FROM quay.io/cdis/python-nginx-al:feat_py3\n',
      errors: [{ line: 1, column: 6, message: "'quay.io/cdis/python-nginx-al' is the retired Amazon Linux Python/nginx image." }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonnginx\n',
    },
    {
      name: 'retired image in a builder stage gets the build base',
      code: 'FROM quay.io/cdis/python-nginx-al:1.0 AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
      errors: [{ line: 1, column: 6, message: /retired/ }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
    },
    {
      name: 'non-hardened latest tag in the approved repository',
      code: 'FROM quay.io/cdis/amazonlinux-base:latest\nRUN pip install .\n',
      errors: [{ line: 1, column: 36, endColumn: 42, message: /non-hardened/ }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nRUN pip install .\n',
    },
    {
      name: 'ECR mirror with the rejected latest tag: an error as on quay (IMG005 moves the repository)',
      code: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:latest\nUSER gen3\nCMD ["gunicorn"]\n',
      errors: [
        {
          line: 1,
          column: 73,
          endColumn: 79,
          severity: 'error',
          message: /^'707767160287\.dkr\.ecr\.us-east-1\.amazonaws\.com\/gen3\/amazonlinux-base:latest' is the non-hardened base/,
        },
      ],
      fixes: ["unsafe: Use tag '3.13-pythonbase'"],
      applicability: 'unsafe',
      output: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["gunicorn"]\n',
    },
    {
      name: 'retired repository whose tag is a variable with no value: the repository alone decides',
      code: 'FROM quay.io/cdis/python-build-base:${PYTHON_VERSION}\nRUN pip install .\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 36,
          severity: 'error',
          message: "'quay.io/cdis/python-build-base' is the retired Python build image.",
        },
      ],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase\nRUN pip install .\n',
    },
    {
      name: 'unapproved repository, tag from an ARG without a default',
      code: 'ARG PY\nFROM python:${PY}-slim\nUSER gen3\nCMD ["python"]\n',
      errors: [{ line: 2, column: 6, endColumn: 12 }],
      applicability: 'unsafe',
      output: 'ARG PY\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["python"]\n',
    },
    {
      name: "the chain's own root: nothing built on it is suggested",
      code: 'FROM public.ecr.aws/amazonlinux/amazonlinux:2023\nRUN dnf install -y python3.13 && python3.13 -m venv /venv\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 44,
          severity: 'error',
          message:
            "'public.ecr.aws/amazonlinux/amazonlinux' is not an approved base image, though the profile's own images are built on it ('quay.io/cdis/amazonlinux-base:hardened' and 8 more).",
        },
      ],
      fixes: [],
    },
    {
      name: "defra: the image defradigital/python is built from (a listed release's base)",
      profile: 'defra',
      code: 'ARG BASE_VERSION=3.13.9-slim-trixie\nFROM python:${BASE_VERSION} AS production\nRUN python -m pip install --upgrade pip\n',
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 12,
          message:
            "'python' is not an approved base image, though the profile's own images are built on it ('defradigital/python:2.0.1-python3.13.9' and 1 more).",
        },
      ],
      fixes: [],
    },
    {
      name: 'every stage counts',
      code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM alpine:3.20\n',
      errors: [{ line: 2, column: 6, endColumn: 12 }],
    },
    {
      name: 'default of ${VAR:-default} is resolved',
      code: 'ARG BASE\nFROM ${BASE:-python}:3.13\n',
      errors: [{ line: 2, column: 14, endColumn: 20 }],
    },
    {
      name: 'digest-pinned unapproved image',
      code: 'FROM python:3.13@sha256:0123456789abcdef\n',
      errors: [{ line: 1, column: 6, endColumn: 12 }],
      applicability: 'unsafe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
    },
    {
      name: 'defra: another organisation image',
      profile: 'defra',
      code: 'FROM python:3.13-slim AS production\n',
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.7.0-python3.14.6 AS production\n',
    },
    {
      name: 'defra: development stage gets the development image',
      profile: 'defra',
      code: 'FROM python:3.13-slim AS development\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe',
      output: 'FROM defradigital/python-development:2.7.0-python3.14.6 AS development\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
    },
  ],
});
