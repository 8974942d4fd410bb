import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceProblems } from './messages';
import {
  allRules,
  applyFixes,
  builtinProfile,
  lint,
  type Applicability,
  type CatalogLock,
  type Finding,
  type Language,
  type Profile,
} from '../../../server/src/engine';

/**
 * typescript-eslint-style rule tests: `valid` code must not be reported by the rule, `invalid` code must be
 * reported exactly as listed (1-based line and column, as a user sees them), and `output` is the text after
 * applying the preferred fix of every finding, which must lint clean for the rule and add no other finding.
 */
export interface InvalidCase {
  code: string;
  name?: string;
  profile?: ProfileRef;
  errors: ExpectedError[];
  /** Text after the preferred fixes; omit when the finding has no fix. */
  output?: string;
  /** Applicability of the preferred fixes that produce `output`; required with it. */
  applicability?: Applicability;
  /** All fixes offered for the first error, in order, as `'<applicability>: <title>'`. */
  fixes?: string[];
  buildArgs?: Record<string, string>;
  /** A tag catalog lock, as `catalog sync` writes it. */
  lock?: CatalogLock;
}

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: RegExp | string;
  severity?: Finding['severity'];
}

export type ValidCase = string | { code: string; name?: string; profile?: ProfileRef; buildArgs?: Record<string, string>; lock?: CatalogLock };
export type ProfileRef = 'gen3' | 'defra' | Profile;

export interface RuleTests {
  language?: Language;
  profile?: ProfileRef;
  /** Lock for every case that names none. */
  lock?: CatalogLock;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

function resolveProfile(ref: ProfileRef): Profile {
  return typeof ref === 'string' ? builtinProfile(ref)! : ref;
}

export async function findingsOf(
  code: string,
  text: string,
  language: Language,
  profile: ProfileRef,
  buildArgs?: Record<string, string>,
  lock?: CatalogLock,
): Promise<Finding[]> {
  const { findings } = await lint(text, language, { profile: resolveProfile(profile), buildArgs, lock });
  return findings.filter((f) => f.code === code);
}

function title(text: string, name?: string): string {
  return name ?? JSON.stringify(text.length > 70 ? text.slice(0, 67) + '...' : text);
}

export function ruleTester(ruleCode: string, tests: RuleTests): void {
  const language = tests.language ?? 'dockerfile';
  describe(ruleCode, () => {
    describe('valid', () => {
      for (const c of tests.valid) {
        const { code, name, profile, buildArgs, lock } =
          typeof c === 'string' ? { code: c, name: undefined, profile: undefined, buildArgs: undefined, lock: undefined } : c;
        it(title(code, name), async () => {
          const found = await findingsOf(ruleCode, code, language, profile ?? tests.profile ?? 'gen3', buildArgs, lock ?? tests.lock);
          assert.deepEqual(found.map(describeFinding), [], `${ruleCode} must not report this code`);
        });
      }
    });
    describe('invalid', () => {
      for (const c of tests.invalid) {
        it(title(c.code, c.name), async () => {
          const profile = c.profile ?? tests.profile ?? 'gen3';
          const lock = c.lock ?? tests.lock;
          const found = await findingsOf(ruleCode, c.code, language, profile, c.buildArgs, lock);
          assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${found.map(describeFinding).join('\n')}`);
          c.errors.forEach((e, i) => {
            const f = found[i];
            assert.equal(f.range.start.line + 1, e.line, `line of finding ${i}: ${describeFinding(f)}`);
            assert.equal(f.range.start.character + 1, e.column, `column of finding ${i}: ${describeFinding(f)}`);
            if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `end line of finding ${i}`);
            if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `end column of finding ${i}: ${describeFinding(f)}`);
            if (e.severity) assert.equal(f.severity, e.severity);
            if (typeof e.message === 'string') assert.equal(f.message, e.message);
            else if (e.message) assert.match(f.message, e.message);
            assert.deepEqual(sentenceProblems(f.message), [], `the message of finding ${i} must be one sentence: ${f.message}`);
          });
          const declared = allRules().find((r) => r.code === ruleCode)?.fixes ?? [];
          for (const fix of found.flatMap((f) => f.fixes)) {
            assert.ok(
              declared.includes(fix.applicability),
              `${ruleCode} offers a ${fix.applicability} fix ('${fix.title}') but its meta declares ${JSON.stringify(declared)}`,
            );
          }
          if (c.fixes)
            assert.deepEqual(
              found[0].fixes.map((f) => `${f.applicability}: ${f.title}`),
              c.fixes,
            );
          if (c.output !== undefined) await checkOutput(ruleCode, { ...c, lock }, language, profile, found);
        });
      }
    });
  });
}

async function checkOutput(ruleCode: string, c: InvalidCase, language: Language, profile: ProfileRef, found: Finding[]) {
  const preferred = found.map((f) => f.fixes.find((x) => x.preferred) ?? f.fixes[0]).filter((x) => x !== undefined);
  assert.ok(preferred.length, 'expected a fix');
  assert.ok(c.applicability, `state the applicability of the fix that gives 'output' (it is ${preferred.map((p) => p.applicability).join(', ')})`);
  assert.deepEqual([...new Set(preferred.map((p) => p.applicability))], [c.applicability], 'applicability of the preferred fixes');
  const { text } = applyFixes(c.code, preferred);
  assert.equal(text, c.output);
  const before = await lint(c.code, language, { profile: resolveProfile(profile), buildArgs: c.buildArgs, lock: c.lock });
  const after = await lint(text, language, { profile: resolveProfile(profile), buildArgs: c.buildArgs, lock: c.lock });
  assert.deepEqual(after.findings.filter((f) => f.code === ruleCode).map(describeFinding), [], 'the fix must clear the finding');
  const codesBefore = new Set(before.findings.map((f) => f.code));
  const added = after.findings.filter((f) => !codesBefore.has(f.code));
  assert.deepEqual(added.map(describeFinding), [], 'the fix must not add findings of other rules');
}

export function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.code} ${f.message}`;
}
