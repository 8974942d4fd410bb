import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { orderTemplates } from '../../../client/src/templates';

const root = join(__dirname, '..', '..', '..', '..');
const snippets = Object.values(JSON.parse(readFileSync(join(root, 'snippets', 'dockerfile.json'), 'utf8'))) as Array<{ prefix: string }>;

describe('New Dockerfile from Template: order', () => {
  it("lists the active profile's templates first", () => {
    const defra = orderTemplates(snippets, 'defra').map((s) => s.prefix);
    assert.ok(defra[0].startsWith('cs-defra-'), defra.join(', '));
    assert.equal(defra.length, snippets.length);
    const gen3 = orderTemplates(snippets, 'gen3').map((s) => s.prefix);
    const firstOther = gen3.findIndex((p) => !p.startsWith('cs-gen3-'));
    assert.ok(firstOther > 0 && gen3.slice(firstOther).every((p) => !p.startsWith('cs-gen3-')), gen3.join(', '));
  });

  it('keeps the file order without a profile, or for a profile with no templates', () => {
    assert.deepEqual(orderTemplates(snippets, undefined), snippets);
    assert.deepEqual(orderTemplates(snippets, 'acme'), snippets);
  });
});
