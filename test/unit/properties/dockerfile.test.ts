import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { builtinProfile } from '../../../server/src/engine';
import { checkCase } from './checks';
import { dockerfileArbitrary } from './dockerfiles';
import { describeBytes, framing, runSettings, Survey, toBytes } from './framing';

const profiles = [builtinProfile('gen3')!, builtinProfile('defra')!];
const settings = runSettings(2000);
const survey = new Survey();
const stats = { cases: 0, wellFormed: 0, fixedFiles: 0, applied: 0, undecodable: 0 };

describe(`Dockerfile properties (${settings.numRuns} cases, seed ${settings.seed})`, () => {
  after(() => {
    console.log(`dockerfile properties: ${JSON.stringify(stats)}`);
  });

  it('lint never throws, ranges lie in the document, fixes verify, replay on the bytes and are idempotent', async () => {
    // Each case runs one fix mode: both are covered, at half the cost.
    const input = fc.record({
      mode: fc.constantFrom('safe', 'unsafe') as fc.Arbitrary<'safe' | 'unsafe'>,
      file: dockerfileArbitrary(profiles, { allowOpenHeredoc: true }),
      frame: fc.oneof({ weight: 3, arbitrary: framing(false) }, { weight: 1, arbitrary: framing(true) }),
      profile: fc.constantFrom('gen3', 'defra'),
      buildArgs: fc.option(
        fc.constantFrom<Record<string, string>>(
          { TAG: '3.13-pythonbase' },
          { BASE: 'python', TAG: '3.9' },
          { IMAGE: 'defradigital/python:2.0.1-python3.13.9' },
        ),
        { freq: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ mode, file, frame, profile: id, buildArgs }) => {
        const profile = builtinProfile(id)!;
        const bytes = toBytes(file.lines, frame);
        const wellFormed = file.wellFormed && !frame.mutations.length;
        stats.cases++;
        if (wellFormed) stats.wellFormed++;
        {
          await survey.run(
            () => `${id} ${mode} ${JSON.stringify(buildArgs)} ${describeBytes(bytes)}`,
            async () => {
              const out = await checkCase({ bytes, language: 'dockerfile', options: { profile, buildArgs: buildArgs ?? undefined }, mode, wellFormed });
              if (!out) stats.undecodable++;
              else if (out.applied) {
                stats.applied += out.applied;
                stats.fixedFiles++;
              }
            },
            () => `${JSON.stringify(stats)}`,
          );
        }
      }),
      settings,
    );
    if (survey.enabled) {
      console.log(survey.report('dockerfile'));
      assert.equal(survey.failures, 0, 'failing cases (see the survey above)');
    }
  });
});
