import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decideDockerfileFeatures, DOCKER_EXTENSIONS } from '../../../client/src/coexistence';

const root = join(__dirname, '..', '..', '..', '..');

describe('coexisting with the Docker extensions', () => {
  const others = ['ms-python.python', 'redhat.vscode-yaml'];

  it('auto: general Dockerfile features on when no Docker extension is installed', () => {
    assert.equal(decideDockerfileFeatures('auto', others).enable, true);
    assert.equal(decideDockerfileFeatures(undefined, []).enable, true);
  });

  for (const id of DOCKER_EXTENSIONS) {
    it(`auto: off when ${id} is installed, and the reason names it`, () => {
      const d = decideDockerfileFeatures('auto', [...others, id]);
      assert.equal(d.enable, false);
      assert.match(d.reason, new RegExp(id.replace(/\./g, '\\.')));
    });
  }

  it('extension ids compare without case, as VS Code does', () => {
    assert.equal(decideDockerfileFeatures('auto', ['Docker.Docker']).enable, false);
  });

  it('an explicit true or false from the user wins either way', () => {
    assert.equal(decideDockerfileFeatures(true, ['docker.docker']).enable, true);
    assert.equal(decideDockerfileFeatures(false, []).enable, false);
  });

  it('the setting defaults to auto in the manifest and accepts true, false and auto', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['containerStandards.dockerfileFeatures.enable'];
    assert.equal(setting.default, 'auto');
    assert.deepEqual(setting.enum, ['auto', true, false]);
  });
});
