import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../../server/src/engine';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { examplesCopy, REPO, run, tempTree } from '../helpers/cli';

// What the README's first command shows: every non-compliant example reported, every compliant one clean.
describe('examples/', () => {
  it('reports the non-compliant examples and none of the compliant ones, each under its own profile', async () => {
    const cwd = examplesCopy();
    const r = await run(['check', 'examples', '--format', 'json'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    const files: Array<{ path: string; profile: string; language: string; findings: Array<{ code: string; message: string }> }> = JSON.parse(r.stdout).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.profile]),
      [
        ['examples/defra/compliant/Dockerfile', 'defra'],
        ['examples/defra/non-compliant/Dockerfile', 'defra'],
        ['examples/gen3/compliant/Dockerfile', 'gen3'],
        ['examples/gen3/compliant/app.py', 'gen3'],
        ['examples/gen3/non-compliant/Dockerfile', 'gen3'],
        ['examples/gen3/non-compliant/app.py', 'gen3'],
      ],
    );
    const languagesWithRules = new Set(allRules().map((rule) => rule.language));
    for (const f of files) {
      if (f.path.includes('/compliant/')) {
        assert.deepEqual(
          f.findings.map((x) => `${x.code} ${x.message}`),
          [],
          `${f.path} must be clean`,
        );
      } else if (languagesWithRules.has(f.language as never)) {
        assert.ok(f.findings.length > 0, `${f.path} must be reported`);
      }
    }
  });

  for (const mode of ['--fix', '--fix-unsafe']) {
    it(`${mode} on every example and Python fixture drops no fix: each one it computes passes verification`, async () => {
      const cwd = examplesCopy();
      const r = await run(['check', 'examples', mode, '--format', 'json'], { cwd });
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.summary.droppedFixes, 0, JSON.stringify(doc.files.flatMap((f: { droppedFixes: unknown[] }) => f.droppedFixes)));
      const copy = tempTree();
      cpSync(join(REPO, 'test/fixtures/python'), join(copy, 'fixtures'), { recursive: true });
      const fixtures = JSON.parse((await run(['check', 'fixtures', mode, '--profile', 'gen3', '--format', 'json'], { cwd: copy })).stdout);
      assert.equal(fixtures.summary.checked, 6);
      assert.equal(fixtures.summary.droppedFixes, 0, JSON.stringify(fixtures.files.flatMap((f: { droppedFixes: unknown[] }) => f.droppedFixes)));
    });
  }
});
