import { ruleTester } from '../helpers/ruleTester';

ruleTester('IMG001', {
  valid: [
    'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    { name: 'an earlier stage by its alias', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM builder\n' },
    { name: 'alias compared case-insensitively', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS Builder\nFROM builder\n' },
    { name: 'ARG default resolves to an approved image', code: 'ARG AZLINUX_BASE_VERSION=3.13-pythonnginx\nFROM quay.io/cdis/amazonlinux-base:${AZLINUX_BASE_VERSION} AS base\n' },
    { name: 'mirror is IMG005, not IMG001', code: 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\n' },
    { name: 'unresolved variable is IMG006, not IMG001', code: 'FROM ${BASE}\n' },
    { name: 'FROM inside a heredoc is not an instruction', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase\nRUN <<EOT\nFROM python:3.13\nEOT\n' },
    { name: 'defra production image', profile: 'defra', code: 'FROM defradigital/python:2.0.1-python3.13.9\n' },
    { name: 'defra image with docker.io prefix', profile: 'defra', code: 'FROM docker.io/defradigital/python:2.0.1-python3.13.9\n' },
    { name: 'lowercase instruction and platform flag', code: 'from --platform=linux/amd64 quay.io/cdis/amazonlinux-base:3.13-pythonbase as app\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n',
      errors: [{ line: 1, column: 6, endColumn: 12, severity: 'error', message: /'python' is not an approved base image/ }],
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["python"]\n',
      fixes: ["unsafe: Use 'quay.io/cdis/amazonlinux-base:3.13-pythonbase'", "unsafe: Use 'quay.io/cdis/amazonlinux-base:3.13-buildbase'"],
    },
    {
      name: 'builder stage gets the build base',
      code: 'FROM python:3.13 AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
      errors: [{ line: 1, column: 6, endColumn: 12 }],
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
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
      errors: [{ line: 1, column: 6, message: /retired.*3\.13-pythonnginx/ }],
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonnginx\n',
    },
    {
      name: 'retired image in a builder stage gets the build base',
      code: 'FROM quay.io/cdis/python-nginx-al:1.0 AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
      errors: [{ line: 1, column: 6, message: /retired/ }],
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase AS builder\nFROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
    },
    {
      name: 'non-hardened latest tag in the approved repository',
      code: 'FROM quay.io/cdis/amazonlinux-base:latest\n',
      errors: [{ line: 1, column: 36, endColumn: 42, message: /non-hardened/ }],
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
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
      applicability: 'unsafe', output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\n',
    },
    {
      name: 'defra: another organisation image',
      profile: 'defra',
      code: 'FROM python:3.13-slim AS production\n',
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe', output: 'FROM defradigital/python:2.7.0-python3.14.6 AS production\n',
    },
    {
      name: 'defra: development stage gets the development image',
      profile: 'defra',
      code: 'FROM python:3.13-slim AS development\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe', output: 'FROM defradigital/python-development:2.7.0-python3.14.6 AS development\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
    },
  ],
});
