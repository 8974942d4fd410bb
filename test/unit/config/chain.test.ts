import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, run, tempTree } from '../helpers/cli';

// docs/rules/IMG001.md shows the configuration for a repository that builds the approved chain itself.
const doc = readFileSync(join(REPO, 'docs/rules/IMG001.md'), 'utf8');
const section = /## The repository that builds the chain([\s\S]*?)\n## /.exec(doc)?.[1] ?? '';
const [gen3Config, defraConfig] = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);

const HARDENED = 'ARG AZLINUX_VERSION=2023\nFROM public.ecr.aws/amazonlinux/amazonlinux:${AZLINUX_VERSION}\nENV PYTHONUNBUFFERED=1\nRUN useradd -u 1000 gen3\n';
const BUILD_BASE = 'FROM quay.io/cdis/amazonlinux-base:hardened\nRUN dnf -y install python3.13 && python3.13 -m venv /venv\n';
const SERVICE = 'FROM public.ecr.aws/amazonlinux/amazonlinux:2023\nRUN pip install .\nCMD ["gunicorn", "app:app"]\n';
const DEFRA_IMAGE =
  'ARG BASE_VERSION=3.14.6-slim-trixie\nFROM python:${BASE_VERSION} AS production\nRUN python -m pip install --upgrade pip\nUSER nonroot\nENTRYPOINT ["python"]\nFROM production AS development\nRUN python -m pip install uv\n';

async function codes(files: Record<string, string>, profile: string): Promise<Record<string, string[]>> {
  const cwd = tempTree(files);
  mkdirSync(join(cwd, '.git'));
  const r = await run(['check', '--format', 'json', ...(files['.container-standards.json'] ? [] : ['--profile', profile])], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return Object.fromEntries(JSON.parse(r.stdout).files.map((f: any) => [f.path, f.findings.map((x: any) => x.code).sort()]));
}

describe('configuration for the repository that builds the chain (docs/rules/IMG001.md)', () => {
  it('shows one configuration for Gen3 and one for Defra', () => {
    assert.ok(gen3Config && defraConfig, 'two JSON examples in the section');
  });

  it('Gen3: the chain files are clean, a service beside them is still reported', async () => {
    const tree = { 'amazonlinux-base/2023_hardened/Dockerfile': HARDENED, 'python3.13/build_base/Dockerfile': BUILD_BASE, 'services/api/Dockerfile': SERVICE };
    const without = await codes(tree, 'gen3');
    assert.ok(without['amazonlinux-base/2023_hardened/Dockerfile'].includes('IMG001'));
    assert.ok(without['python3.13/build_base/Dockerfile'].includes('USR001'));
    const withConfig = await codes({ ...tree, '.container-standards.json': gen3Config }, 'gen3');
    assert.deepEqual(withConfig['amazonlinux-base/2023_hardened/Dockerfile'] ?? [], []);
    assert.deepEqual(withConfig['python3.13/build_base/Dockerfile'] ?? [], []);
    assert.ok(withConfig['services/api/Dockerfile'].includes('IMG001'), 'the override names only the chain files');
  });

  it('Defra: the Dockerfile that builds defradigital/python is clean with the configuration', async () => {
    const without = await codes({ Dockerfile: DEFRA_IMAGE }, 'defra');
    assert.deepEqual(without['Dockerfile'], ['IMG001']);
    const withConfig = await codes({ Dockerfile: DEFRA_IMAGE, '.container-standards.json': defraConfig }, 'defra');
    assert.deepEqual(withConfig['Dockerfile'] ?? [], []);
  });
});
