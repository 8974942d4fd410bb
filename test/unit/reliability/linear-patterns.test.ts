import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, catalogFor, lint, parseProfile, validateProfile, type Profile } from '../../../server/src/engine';
import { MAX_PATTERNS } from '../../../server/src/engine/profile/load';
import { MAX_PATTERN_LENGTH } from '../../../server/src/engine/profile/pattern';
import { run, tempTree } from '../helpers/cli';

// Issue 11 item 4 (repro F08): profile patterns run on RE2 (linear time); patterns RE2 cannot run are
// refused when the profile is loaded; a tag longer than 128 characters is reported, never matched.
function withPattern(regex: string): Profile {
  const profile = structuredClone(builtinProfile('gen3')) as Profile;
  profile.repositories[0].tagPatterns!.push({ kind: 'release', pattern: 'x', regex, user: 'gen3', description: 'd', examples: [] });
  return profile;
}
// gunicorn: evidence of a Python application, so an unknown tag is judged (IMG002), not left to SCP001.
const image = (tag: string) => `FROM quay.io/cdis/amazonlinux-base:${tag}\nUSER gen3\nCMD ["gunicorn"]\n`;

describe('linear-time tag patterns (F08)', () => {
  it('F08: the nested-quantifier pattern ^(a+)+$ answers a 40-character tag in well under a second', async () => {
    const profile = withPattern('^(a+)+$');
    assert.deepEqual(validateProfile(profile), [], 'RE2 runs it in linear time, so it is accepted');
    await lint(image('aaaa'), 'dockerfile', { profile }); // loads the parser: time the pattern, not the start-up
    const started = performance.now();
    const { findings } = await lint(image(`${'a'.repeat(40)}!`), 'dockerfile', { profile });
    const ms = performance.now() - started;
    assert.deepEqual(
      findings.map((f) => f.code),
      ['IMG002'],
    );
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.equal(catalogFor(profile).tagInfo(profile.repositories[0], 'a'.repeat(100)).kind, 'pattern');
  });

  it('F08 through the CLI: a repository config naming the evil profile finishes quickly', async () => {
    const cwd = tempTree({
      Dockerfile: image(`${'a'.repeat(30)}!`),
      'evil.profile.json': JSON.stringify(withPattern('^(a+)+$')),
      '.container-standards.json': '{"profile": "./evil.profile.json"}',
    });
    const r = await run(['check', '--format', 'json'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).files[0].findings.map((f: { code: string }) => f.code),
      ['IMG002'],
    );
  });

  it('patterns RE2 cannot run (lookaround, backreferences) are refused when the profile loads, with the reason', () => {
    for (const [regex, why] of [
      ['^(?=a)a$', /Perl syntax/],
      ['^(a)\\1$', /escape/],
      ['^(?<!x)a$', /named capture|Perl syntax/],
    ] as const) {
      const problems = validateProfile(withPattern(regex));
      assert.equal(problems.length, 1, regex);
      assert.match(problems[0], /^repositories\[0\]\.tagPatterns\[3\]\.regex must be a regular expression in RE2 syntax \(no lookaround or backreferences\): /);
      assert.match(problems[0], why);
      assert.doesNotMatch(problems[0], /`/, 'no piece of the profile is quoted');
    }
    const stage = structuredClone(builtinProfile('gen3')) as Profile;
    stage.recommendations.stages = [{ stageName: '^(?=dev)', image: 'x' }];
    assert.match(validateProfile(stage).join(), /recommendations\.stages\[0\]/);
    assert.throws(() => parseProfile(JSON.stringify(withPattern('^(?=a)a$')), 'evil.profile.json'), /evil\.profile\.json is not a valid profile: .*RE2 syntax/);
  });

  it('stage-name patterns are case-insensitive on RE2 too', () => {
    const profile = structuredClone(builtinProfile('gen3')) as Profile;
    profile.recommendations.stages = [{ stageName: '^bu(i)ld$', image: 'quay.io/cdis/amazonlinux-base:3.13-buildbase' }];
    assert.equal(catalogFor(profile).recommendedImage('BUILD'), 'quay.io/cdis/amazonlinux-base:3.13-buildbase');
    assert.equal(catalogFor(profile).recommendedImage('builder'), profile.recommendations.default);
  });

  it('named groups still feed the stable tag of a feature-branch tag', () => {
    const gen3 = builtinProfile('gen3')!;
    const catalog = catalogFor(gen3);
    const info = catalog.tagInfo(gen3.repositories[0], 'feat_x-3.13-pythonbase');
    assert.equal(info.kind, 'pattern');
    assert.equal(catalog.stableTagFor(info), '3.13-pythonbase');
  });

  it('a tag of 128 characters is matched; 129 or more is reported as over the OCI limit, without quoting it whole', async () => {
    const gen3 = builtinProfile('gen3')!;
    const catalog = catalogFor(gen3);
    const branch = (n: number) => `${'b'.repeat(n - '-3.13-pythonbase'.length)}-3.13-pythonbase`;
    assert.equal(catalog.tagInfo(gen3.repositories[0], branch(128)).kind, 'pattern');
    assert.equal(catalog.tagInfo(gen3.repositories[0], branch(129)).kind, 'unknown');

    const long = branch(20_000);
    const started = performance.now();
    const { findings } = await lint(image(long), 'dockerfile', { profile: gen3 });
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range.start.character, f.range.end.character]),
      [['IMG002', 35, 35 + long.length]],
    );
    assert.equal(findings[0].message, `The tag '${'b'.repeat(24)}…' is 20000 characters long, over the OCI limit of 128, so no such image exists.`);
    assert.deepEqual(
      findings[0].fixes.map((f) => [f.title, f.applicability]),
      [["Use tag '3.13-pythonbase'", 'suggestion']],
    );
  });
});

describe("the size of profile patterns is bounded (a reviewer's variation on F08)", () => {
  // Linear in the text, but a pattern can be huge: `[\s\S]{1000}` nineteen times compiles to 19,000 instructions.
  const huge = (i: number) => `^x${i}${'[\\s\\S]{1000}'.repeat(19)}$`;

  it('a pattern over 256 characters, or compiling to more than 1,000 instructions, is refused', () => {
    assert.match(validateProfile(withPattern(`^${'a'.repeat(MAX_PATTERN_LENGTH)}$`)).join('\n'), /longer than 256 characters/);
    assert.match(validateProfile(withPattern(huge(0))).join('\n'), /too large: it compiles to more than 1000 instructions/);
    assert.deepEqual(validateProfile(withPattern(`^${'[a-z]{3}'.repeat(20)}$`)), [], 'a long but modest pattern is fine');
  });

  it('after the first refused pattern no other is compiled, and a profile holds at most 256 patterns', () => {
    const profile = structuredClone(builtinProfile('gen3')) as Profile;
    const base = profile.repositories[0].tagPatterns![0];
    profile.repositories[0].tagPatterns = Array.from({ length: 200 }, (_, i) => ({ ...base, regex: huge(i) }));
    const problems = validateProfile(profile);
    assert.deepEqual(
      problems.map((p) => /too large/.test(p)),
      [true],
      problems.slice(0, 3).join('\n'),
    );
    profile.repositories[0].tagPatterns = Array.from({ length: MAX_PATTERNS + 1 }, (_, i) => ({ ...base, regex: `^v${i}-(?<python>\\d+\\.\\d+)$` }));
    assert.match(validateProfile(profile).join('\n'), new RegExp(`at most ${MAX_PATTERNS} patterns`));
  });
});
