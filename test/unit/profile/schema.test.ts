import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import { BUILTIN_PROFILES, parseProfile, ProfileError, validateProfile } from '../../../server/src/engine';

const REPO = resolve(__dirname, '../../../..');
const schema = JSON.parse(readFileSync(join(REPO, 'profiles/profile.schema.json'), 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('regex', {
    validate: (s: string) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
  });
  return ajv.compile(schema);
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const gen3 = () => clone(BUILTIN_PROFILES.gen3) as any;

describe('profiles/profile.schema.json', () => {
  it('accepts both built-in profiles, and they point at it', () => {
    const validate = validator();
    for (const id of ['gen3', 'defra']) {
      const text = readFileSync(join(REPO, `profiles/${id}.json`), 'utf8');
      const ok = validate(JSON.parse(text));
      assert.ok(ok, `${id}: ${JSON.stringify(validate.errors)}`);
      assert.equal(JSON.parse(text).$schema, './profile.schema.json');
    }
  });

  it('rejects what validateProfile rejects', () => {
    const validate = validator();
    const broken: Array<(p: any) => void> = [
      (p) => delete p.id,
      (p) => (p.fips = 'yes'),
      (p) => (p.user.uid = 'gen3'),
      (p) => (p.repositories = []),
      (p) => (p.repositories[0].role = 'runtime'),
      (p) => (p.repositories[0].tags[0].status = 'old'),
      (p) => (p.repositories[0].tagPatterns[0].regex = '(unclosed'),
      (p) => (p.repositories[0].tagPatterns[0].kind = 'nightly'),
      (p) => (p.recommendations = {}),
    ];
    for (const breakIt of broken) {
      const p = gen3();
      breakIt(p);
      assert.ok(validateProfile(p).length > 0, `validateProfile accepts ${breakIt}`);
      assert.equal(validate(p), false, `the schema accepts ${breakIt}`);
    }
  });

  // The schema is the one definition: the types and the validator are generated from it (scripts/profile-schema.mjs).
  it('the committed types and validator are generated from the current schema', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/profile-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('validateProfile and parseProfile', () => {
  const problems = (breakIt: (p: any) => void) => {
    const p = gen3();
    breakIt(p);
    return validateProfile(p);
  };

  it('accept the built-in profiles', () => {
    assert.deepEqual(validateProfile(BUILTIN_PROFILES.gen3), []);
    assert.deepEqual(validateProfile(BUILTIN_PROFILES.defra), []);
  });

  it("hold every fact's source to a key of data.sources, and data.checked to a date", () => {
    assert.deepEqual(
      problems((p) => (p.repositories[0].tags[0].source = 'nowhere')),
      ['repositories[0].tags[0].source must be a key of data.sources'],
    );
    assert.deepEqual(
      problems((p) => (p.user.source = 'nowhere')),
      ['user.source must be a key of data.sources'],
    );
    assert.deepEqual(
      problems((p) => (p.data.checked = 'last week')),
      ['data.checked must match the pattern ^\\d{4}-\\d{2}-\\d{2}$'],
    );
    assert.deepEqual(
      problems((p) => (p.user.require = 'gen3')),
      ['user.require must be one of "named", "non-root"'],
    );
    assert.deepEqual(
      problems((p) => (p.scope.covers = 'python')),
      ['scope.covers must be one of "python-applications", "all-images"'],
    );
  });

  it('the built-in profiles cite a source for every tag, and say when their data was checked', () => {
    for (const profile of Object.values(BUILTIN_PROFILES)) {
      assert.match(profile.data!.checked, /^\d{4}-\d{2}-\d{2}$/);
      for (const repo of profile.repositories)
        for (const tag of repo.tags) assert.ok(tag.source && profile.data!.sources[tag.source], `${profile.id} ${repo.name}:${tag.name}`);
    }
  });

  it('name the JSON path of what is wrong', () => {
    assert.deepEqual(
      problems((p) => delete p.title),
      ['the profile needs "title"'],
    );
    assert.deepEqual(
      problems((p) => (p.python.supported = [3.13])),
      ['python.supported[0] must be a string'],
    );
    assert.deepEqual(
      problems((p) => (p.repositories[0].role = 'runtime')),
      ['repositories[0].role must be one of "base", "production", "development"'],
    );
    assert.deepEqual(
      problems((p) => delete p.repositories[0].tags[2].user),
      ['repositories[0].tags[2] needs "user"'],
    );
    assert.deepEqual(
      problems((p) => (p.repositories[0].tagPatterns[1].regex = '(?<x')),
      ['repositories[0].tagPatterns[1].regex must be a regular expression in RE2 syntax (no lookaround or backreferences): invalid named capture'],
    );
    assert.deepEqual(
      problems((p) => (p.repositories[0].mirror = [])),
      ['repositories[0].mirror is not a property the profile schema knows'],
    );
    assert.deepEqual(
      problems((p) => (p.user.uid = -1)),
      ['user.uid must be 0 or more'],
    );
    assert.deepEqual(
      problems((p) => (p.repositories = [])),
      ['repositories must be a non-empty list'],
    );
    assert.deepEqual(
      problems((p) => (p.data.sources['a source'] = '')),
      ['data.sources["a source"] must be a non-empty string'],
    );
    assert.deepEqual(
      problems((p) => (p.repositories[0].tagPatterns[0].kind = 'nightly')),
      ['repositories[0].tagPatterns[0].kind must be one of "feature-branch", "release", "floating"'],
    );
  });

  it('check every required top-level property and every enum of the schema', () => {
    for (const key of schema.required as string[]) {
      const found = problems((p) => delete p[key]);
      assert.ok(
        found.some((m) => m.includes(key)),
        `missing "${key}": ${JSON.stringify(found)}`,
      );
    }
    for (const key of schema.definitions.RuntimeUser.required as string[]) {
      assert.ok(
        problems((p) => delete p.user[key]).some((m) => m.startsWith('user needs ')),
        `missing user.${key}`,
      );
    }
    const enums: Array<[string[], (p: any, v: string) => void]> = [
      [schema.definitions.RepositoryRole.enum, (p, v) => (p.repositories[0].role = v)],
      [schema.definitions.TagStatus.enum, (p, v) => (p.repositories[0].tags[0].status = v)],
      [schema.definitions.TagPatternKind.enum, (p, v) => (p.repositories[0].tagPatterns[0].kind = v)],
    ];
    for (const [values, set] of enums) {
      for (const v of values)
        assert.deepEqual(
          problems((p) => set(p, v)),
          [],
          `${v} is in the schema's enum`,
        );
      assert.equal(problems((p) => set(p, 'something-else')).length, 1);
    }
  });

  it('parseProfile throws a ProfileError naming the file', () => {
    assert.throws(
      () => parseProfile('{', 'team.json'),
      (e: unknown) => e instanceof ProfileError && /^team\.json is not valid JSON: /.test(e.message),
    );
    assert.throws(
      () => parseProfile(JSON.stringify({ ...gen3(), fips: 'on' }), 'team.json'),
      (e: unknown) => e instanceof ProfileError && e.message === 'team.json is not a valid profile: fips must be true or false',
    );
  });
});
