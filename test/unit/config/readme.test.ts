import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/engine';
import { REPO, run, tempTree } from '../helpers/cli';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const example = /A worked example[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];

describe('README configuration section', () => {
  it('shows exclude, overrides and extends', () => {
    const section = /### Configuration[\s\S]*?\n## /.exec(readme)?.[0] ?? '';
    for (const word of ['`exclude`', '`overrides`', '`extends`']) assert.ok(section.includes(word), word);
    assert.ok(example, 'the worked example');
    assert.ok(parseConfig(example!).ok);
  });

  it('its worked example does what the README says, file by file', async () => {
    const SERVICE = 'FROM python:3.9\nUSER root\n';
    const cwd = tempTree({
      '.container-standards.json': example!,
      'services/legacy-defra/Dockerfile': SERVICE,
      'services/api/Dockerfile.dev': SERVICE,
      'services/api/Dockerfile': 'FROM 123456789012.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
      'tools/migrate/Dockerfile': SERVICE,
      'vendor/lib/Dockerfile': SERVICE,
      'services/api/testdata/Dockerfile': SERVICE,
    });
    mkdirSync(join(cwd, '.git'));
    const r = await run(['check', '--format', 'json'], { cwd });
    assert.ok(r.code === 1, r.stderr);
    const files = Object.fromEntries(JSON.parse(r.stdout).files.map((f: any) => [f.path, { profile: f.profile, codes: f.findings.map((x: any) => x.code) }]));
    assert.deepEqual(Object.keys(files).sort(), [
      'services/api/Dockerfile',
      'services/api/Dockerfile.dev',
      'services/legacy-defra/Dockerfile',
      'tools/migrate/Dockerfile',
    ]);
    assert.equal(files['services/legacy-defra/Dockerfile'].profile, 'defra');
    assert.equal(files['services/api/Dockerfile.dev'].profile, 'gen3');
    assert.ok(!files['services/api/Dockerfile.dev'].codes.includes('USR002'));
    assert.ok(files['services/api/Dockerfile'].codes.includes('IMG005'), 'the added mirror is known as a mirror');
    assert.ok(!files['services/api/Dockerfile'].codes.includes('IMG001'));
    // "for tools/migrate/Dockerfile the image rules do not apply": one SCP001 note and nothing else.
    assert.deepEqual(files['tools/migrate/Dockerfile'].codes, ['SCP001']);
  });
});
