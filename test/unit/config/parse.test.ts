import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, extendProfile, isExcluded, overridesFor, parseConfig, type ProjectConfig } from '../../../server/src/engine';

function ok(text: string): ProjectConfig {
  const r = parseConfig(text);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return r.config;
}

function problems(text: string) {
  const r = parseConfig(text);
  assert.ok(!r.ok, 'expected problems');
  return r.problems.map((p) => [p.range.start.line + 1, p.range.start.character + 1, p.message]);
}

describe('project config: parsing (engine/config)', () => {
  it('reads every setting, with rule names turned into codes', () => {
    const c = ok(
      JSON.stringify({
        $schema: './profiles/config.schema.json',
        profile: 'defra',
        rules: { 'user-after-entrypoint': 'error', IMG003: 'off' },
        buildArgs: { BASE: 'x' },
        scope: 'python-app',
        exclude: ['vendor/', '**/*.generated.Dockerfile'],
        gitignore: false,
        overrides: [
          { files: ['infra/**'], scope: 'outside' },
          { files: ['legacy/Dockerfile'], profile: 'gen3', rules: { IMG001: 'warning' } },
        ],
      }),
    );
    assert.equal(c.profile?.ref, 'defra');
    assert.equal(c.scope, 'python-app');
    assert.equal(c.gitignore, false);
    assert.equal(c.rules.IMG003, 'off');
    assert.equal(Object.keys(c.rules).length, 2);
    assert.deepEqual(
      c.overrides.map((o) => o.files),
      [['infra/**'], ['legacy/Dockerfile']],
    );
  });

  it('matches exclude and overrides with .gitignore patterns, relative to the config, overrides in order', () => {
    const c = ok(
      '{"exclude": ["vendor/", "*.tmpl.Dockerfile"], "overrides": [{"files": ["services/*/Dockerfile"], "scope": "python-app"}, {"files": ["Dockerfile*"], "scope": "outside"}]}',
    );
    assert.equal(isExcluded(c, 'vendor/x/Dockerfile'), true);
    assert.equal(isExcluded(c, 'a/b/app.tmpl.Dockerfile'), true);
    assert.equal(isExcluded(c, 'Dockerfile'), false);
    assert.deepEqual(
      overridesFor(c, 'services/api/Dockerfile').map((o) => o.index),
      [0, 1],
    );
    assert.deepEqual(
      overridesFor(c, 'tools/Dockerfile.dev').map((o) => o.index),
      [1],
    );
    assert.deepEqual(
      overridesFor(c, 'services/api/app.py').map((o) => o.index),
      [],
    );
    // A path outside the config's folder is never matched.
    assert.deepEqual(overridesFor(c, '../Dockerfile'), []);
  });

  it('names line, column and what was expected, and quotes nothing from the file', () => {
    assert.deepEqual(problems('{\n  "profle": "defra"\n}'), [
      [2, 3, 'unknown setting "profle"; expected a known setting: profile, extends, add, rules, buildArgs, scope, exclude, gitignore, overrides'],
    ]);
    assert.deepEqual(problems('{"rules": {"NOPE1": "off", "IMG001": "loud"}}'), [
      [1, 12, "unknown rule 'NOPE1'; expected a rule code or name (the rule list shows them)"],
      [1, 38, 'expected "off", "error", "warning" or "info"'],
    ]);
    // A name that is not a plain short word is not repeated (terminal escapes, long text).
    assert.deepEqual(problems('{"\\u001b[31mx": 1}'), [
      [1, 2, 'unknown setting (at this position); expected a known setting: profile, extends, add, rules, buildArgs, scope, exclude, gitignore, overrides'],
    ]);
    assert.deepEqual(problems('{"overrides": [{"profile": "defra"}]}'), [[1, 16, 'expected a "files" list saying which files the override applies to']]);
    assert.deepEqual(problems('{"scope": "python"}'), [
      [1, 11, 'expected "python-app" (the image rules apply), "outside" (they do not) or "auto" (decided from what the Dockerfile builds)'],
    ]);
    assert.deepEqual(problems('{"profile": "gen3", "extends": "defra"}'), [
      [1, 2, 'expected "profile" or "extends", not both: "extends" names the profile to add to'],
    ]);
  });

  it('reports a JSON syntax error by position, not with the parser message that quotes the file', () => {
    const secret = 's3cr3t-Passw0rd!';
    for (const text of [secret, `{"profile": ${secret}}`, `{"rules": {"A": "off",}}`, '{"profile": "gen3" // why\n}']) {
      const found = problems(text);
      assert.equal(found.length, 1);
      for (const [, , message] of found) {
        assert.match(String(message), /^expected /);
        assert.ok(!String(message).includes('s3cr3t') && !String(message).includes('Passw0rd'), String(message));
      }
    }
    assert.deepEqual(problems('{\n  "rules": {"IMG001": "off",}\n}'), [[2, 29, 'expected a property name in double quotes']]);
  });

  it('keeps __proto__ and constructor as plain names in rule and build-argument maps', () => {
    const c = ok('{"buildArgs": {"__proto__": "a", "constructor": "b"}}');
    assert.equal(Object.getPrototypeOf(c.buildArgs), null);
    assert.deepEqual(Object.keys(c.buildArgs), ['__proto__', 'constructor']);
    assert.equal(c.buildArgs['__proto__'], 'a');
  });
});

describe('project config: extends', () => {
  const gen3 = builtinProfile('gen3')!;
  const repo = gen3.repositories[0];
  const tag = { ...repo.tags[0], name: '3.13-team-extra', status: 'stable' as const };

  it('adds mirrors, tags and repositories to a built-in profile without changing it', () => {
    const c = ok(
      JSON.stringify({
        extends: 'gen3',
        add: {
          mirrors: { [repo.name]: [{ name: '123.dkr.ecr.us-east-1.amazonaws.com/team/base', note: 'our ECR copy' }] },
          tags: { [repo.name]: [tag] },
          repositories: [{ name: 'registry.example/team/tools', role: 'development', description: 'team tools', tags: [] }],
        },
      }),
    );
    const { profile, problems: found } = extendProfile(gen3, c.add);
    assert.deepEqual(found, []);
    const extended = profile!.repositories.find((r) => r.name === repo.name)!;
    assert.ok(extended.tags.some((t) => t.name === '3.13-team-extra'));
    assert.ok(extended.mirrors!.some((m) => m.name.endsWith('/team/base')));
    assert.ok(profile!.repositories.some((r) => r.name === 'registry.example/team/tools'));
    assert.ok(!gen3.repositories[0].tags.some((t) => t.name === '3.13-team-extra'), 'the built-in profile is untouched');
  });

  it('points each bad addition at its place in the config', () => {
    const text = JSON.stringify(
      { extends: 'gen3', add: { tags: { [repo.name]: [{ name: 'x' }], 'nowhere/base': [] }, mirrors: { [repo.name]: [{ name: 'm' }] } } },
      null,
      2,
    );
    const c = ok(text);
    const { profile, problems: found } = extendProfile(gen3, c.add);
    assert.equal(profile, undefined);
    const where = found.map((p) => [JSON.stringify(p.path), p.message]);
    assert.ok(
      where.some(([path, m]) => path === JSON.stringify(['add', 'tags', 'nowhere/base']) && /repository in the profile "gen3"/.test(m)),
      JSON.stringify(where),
    );
    assert.ok(
      where.some(([path]) => path.startsWith(JSON.stringify(['add', 'tags', repo.name, 0]).slice(0, -1))),
      JSON.stringify(where),
    );
    assert.ok(
      where.some(([path, m]) => path === JSON.stringify(['add', 'mirrors', repo.name, 0]) && /needs "note"$/.test(m)),
      JSON.stringify(where),
    );
    // Each path resolves to a position inside the config text.
    for (const p of found) assert.ok(c.locate(p.path).start.line > 0);
  });
});
