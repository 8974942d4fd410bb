import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { builtinProfile } from '../../../server/src/engine';
import { checkCase, PythonCompiler } from './checks';
import { describeBytes, framing, runSettings, Survey, toBytes } from './framing';
import { pythonArbitrary } from './pythonFiles';

const gen3 = builtinProfile('gen3')!;
const defra = builtinProfile('defra')!;
const settings = runSettings(2000);
const survey = new Survey();
const command = PythonCompiler.find();
const stats = { cases: 0, compiledBefore: 0, fixedFiles: 0, applied: 0, undecodable: 0 };

describe(`Python properties (${settings.numRuns} cases, seed ${settings.seed})`, () => {
  const python = command ? new PythonCompiler(command) : undefined;
  after(() => {
    python?.close();
    console.log(`python properties: ${JSON.stringify(stats)}`);
  });

  if (!python) it('fixed files still compile', { skip: 'python3 is not installed, so the "still compiles" property cannot run' }, () => {});

  it(`lint never throws, ranges lie in the document, fixes verify, replay on the bytes, are idempotent${python ? ' and keep the file compiling' : ''}`, async () => {
    // Each case runs one fix mode: both are covered, at half the cost.
    const input = fc.record({
      mode: fc.constantFrom('safe', 'unsafe') as fc.Arbitrary<'safe' | 'unsafe'>,
      file: pythonArbitrary(),
      frame: fc.oneof({ weight: 3, arbitrary: framing(false) }, { weight: 1, arbitrary: framing(true) }),
      // The Python rules apply under FIPS profiles only; under defra nothing may be reported or fixed.
      profile: fc.constantFrom('gen3', 'gen3', 'gen3', 'gen3', 'defra'),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ mode, file, frame, profile: id }) => {
        const profile = id === 'gen3' ? gen3 : defra;
        const bytes = toBytes(file.lines, frame);
        stats.cases++;
        if (python && (await python.compiles(bytes))) stats.compiledBefore++;
        {
          await survey.run(
            () => `${id} ${mode} ${describeBytes(bytes)}`,
            async () => {
              // With python3, CPython decides which inputs are well formed (they compile); without it, the generator does.
              const out = await checkCase({ bytes, language: 'python', options: { profile }, mode, wellFormed: !python && !frame.mutations.length }, python);
              if (!out) stats.undecodable++;
              else if (out.applied) {
                stats.applied += out.applied;
                stats.fixedFiles++;
              }
              if (id === 'defra') assert.equal(out?.applied ?? 0, 0, 'a non-FIPS profile fixed Python');
            },
            () => `${JSON.stringify(stats)}`,
          );
        }
      }),
      settings,
    );
    if (survey.enabled) {
      console.log(survey.report('python'));
      assert.equal(survey.failures, 0, 'failing cases (see the survey above)');
    }
  });
});
