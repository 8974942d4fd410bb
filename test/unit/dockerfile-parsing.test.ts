import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, lint } from '../../server/src/engine';

const gen3 = builtinProfile('gen3')!;
const B = 'quay.io/cdis/amazonlinux-base';

/** `line:column CODE` of every finding (1-based, as users see them). */
async function found(text: string, buildArgs?: Record<string, string>): Promise<string[]> {
  const { findings } = await lint(text, 'dockerfile', { profile: gen3, buildArgs });
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
}

describe('Dockerfile parsing cases (dockerfile-ast)', () => {
  it('a # escape=` directive: backtick continuations are one instruction', async () => {
    assert.deepEqual(await found('# escape=`\nFROM python:3.13 `\n  AS app\nUSER gen3\nCMD ["x"]\n'), ['2:6 IMG001']);
  });

  it('line continuations inside FROM', async () => {
    assert.deepEqual(await found(`FROM \\\n  python:3.13\nUSER gen3\nCMD ["x"]\n`), ['2:3 IMG001']);
  });

  it('lowercase instructions', async () => {
    assert.deepEqual(await found('from python:3.13\nuser root\ncmd ["x"]\n'), ['1:6 IMG001', '2:6 USR002']);
  });

  it('heredoc bodies are not instructions', async () => {
    const text = `FROM ${B}:3.13-pythonbase\nRUN <<EOT\nFROM python:3.13\nUSER root\nEOT\nUSER gen3\nCMD ["x"]\n`;
    assert.deepEqual(await found(text), []);
  });

  it('comments that look like instructions are not instructions', async () => {
    assert.deepEqual(await found(`# FROM python:3.13\nFROM ${B}:3.13-pythonbase\n# USER root\nUSER gen3\nCMD ["x"]\n`), []);
  });

  it('FROM --platform=… : the image after the flag is checked', async () => {
    assert.deepEqual(await found('FROM --platform=linux/amd64 python:3.13\nUSER gen3\nCMD ["x"]\n'), ['1:29 IMG001']);
    assert.deepEqual(await found(`FROM --platform=$BUILDPLATFORM ${B}:3.13-pythonbase\nUSER gen3\nCMD ["x"]\n`), []);
  });

  it('digests: image:tag@sha256:… and image@sha256:…', async () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    assert.deepEqual(await found(`FROM ${B}:3.13-pythonbase@${digest}\nUSER gen3\nCMD ["x"]\n`), []);
    assert.deepEqual(await found(`FROM ${B}@${digest}\nUSER gen3\nCMD ["x"]\n`), []);
    assert.deepEqual(await found(`FROM python@${digest}\nUSER gen3\nCMD ["x"]\n`), ['1:6 IMG001']);
  });

  it('AS name stages, and FROM <earlier stage> is not an image', async () => {
    assert.deepEqual(await found(`FROM ${B}:3.13-buildbase AS Builder\nFROM builder\nUSER gen3\nCMD ["x"]\n`), []);
  });

  it('ARG in FROM: ${VAR}, $VAR and ${VAR:-default}, with global ARG defaults', async () => {
    assert.deepEqual(await found(`ARG TAG=3.12-pythonbase\nFROM ${B}:\${TAG}\nUSER gen3\nCMD ["x"]\n`), ['1:9 IMG007']);
    assert.deepEqual(await found(`ARG IMG=python:3.13\nFROM $IMG\nUSER gen3\nCMD ["x"]\n`), ['1:9 IMG001']);
    // gunicorn: a tag the profile does not know is no evidence of a Python application by itself.
    assert.deepEqual(await found(`ARG TAG\nFROM ${B}:\${TAG:-nope}\nUSER gen3\nCMD ["gunicorn"]\n`), ['2:43 IMG002']);
  });

  it('an ARG declared after the first FROM does not apply to later FROMs (it is stage-local)', async () => {
    assert.deepEqual(await found(`FROM ${B}:3.13-buildbase AS b\nARG TAG=3.13-pythonbase\nFROM ${B}:\${TAG}\nUSER gen3\nCMD ["x"]\n`), ['3:38 IMG006']);
  });

  it('build arguments override ARG defaults', async () => {
    assert.deepEqual(await found(`ARG TAG=3.13-pythonbase\nFROM ${B}:\${TAG}\nUSER gen3\nCMD ["x"]\n`, { TAG: 'feat_x-3.13-pythonbase' }), ['2:36 IMG003']);
  });
});
