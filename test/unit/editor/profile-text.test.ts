import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeOrigin, statusLabel } from '../../../client/src/profileText';
import type { ProfileInfo } from '../../../server/src/lsp/protocol';

const relative = (file: string) => file.replace('/work/app/', '');
const base: ProfileInfo = {
  id: 'defra',
  title: 'Defra Python parent images',
  source: 'builtin',
  repositories: ['defradigital/python'],
  user: 'nonroot',
  lockPath: '/work/app/container-standards.lock.json',
  origin: { kind: 'config', file: '/work/app/.container-standards.json', extended: false },
  config: '/work/app/.container-standards.json',
  configErrors: 0,
};

describe('profile words (status bar, Show Active Profile, output channel)', () => {
  it('name the config, the override or the setting that chose the profile', () => {
    assert.equal(describeOrigin(base, relative), '.container-standards.json');
    assert.equal(
      describeOrigin({ ...base, origin: { kind: 'config', file: '/work/app/.container-standards.json', override: 1, extended: false } }, relative),
      '.container-standards.json, overrides[1]',
    );
    assert.equal(
      describeOrigin({ ...base, origin: { kind: 'setting' } }, relative),
      'the setting containerStandards.profile (it overrides .container-standards.json, which CI uses)',
    );
    assert.equal(describeOrigin({ ...base, origin: { kind: 'default' }, config: undefined }, relative), 'built-in default (no .container-standards.json)');
  });

  it('the status bar label is plain text for screen readers: no Markdown, no icon names', () => {
    for (const info of [
      base,
      { ...base, configErrors: 2, excluded: 'gitignore' as const },
      { ...base, restricted: { file: '/work/app/.container-standards.json' } },
    ]) {
      const label = statusLabel(info, relative);
      assert.ok(!/[*`_[\]]|\$\(/.test(label), label);
      assert.match(label, /^Container Standards profile defra, from /);
    }
    assert.equal(
      statusLabel({ ...base, configErrors: 2 }, relative),
      'Container Standards profile defra, from .container-standards.json; the config has 2 error(s). Click to choose the profile.',
    );
  });
});
