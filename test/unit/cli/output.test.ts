import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { allRules, builtinProfile, lint } from '../../../server/src/engine';
import { formatSarif } from '../../../server/src/cli/formats/sarif';
import { run, tempTree } from '../helpers/cli';

const BAD = 'FROM python:3.13-slim\nUSER gen3\n';
const GOOD = 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n';
// Other rules land over time; these tests are about the output, so they look at IMG001 alone.
const ONLY = ['--select', 'IMG001'];

describe('check: text output', { concurrency: true }, () => {
  it('prints each finding with its source line, a caret under the range, the fix and the rule page, then counts per rule and a summary, exit 1', async () => {
    const cwd = tempTree({ 'svc/Dockerfile': BAD });
    const r = await run(['check', 'svc/Dockerfile', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^svc\/Dockerfile:1:6: error IMG001 'python' is not an approved base image .+$/);
    assert.deepEqual(lines.slice(1), [
      '  |',
      '1 | FROM python:3.13-slim',
      '  |      ^^^^^^ IMG001',
      '  |',
      "  = help: Use 'quay.io/cdis/amazonlinux-base:3.13-pythonbase' (with --fix-unsafe)",
      '  = docs: https://github.com/container-standards/container-standards/blob/main/docs/rules/IMG001.md',
      '',
      '1  IMG001  unapproved-base-image',
      '',
      '1 error in 1 file (1 fixable with --fix-unsafe)',
      '',
    ]);
  });

  it('--format concise prints file:line:col: severity CODE message and the summary', async () => {
    const cwd = tempTree({ 'svc/Dockerfile': BAD });
    const r = await run(['check', 'svc/Dockerfile', '--format', 'concise', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^svc\/Dockerfile:1:6: error IMG001 'python' is not an approved base image .+$/);
    assert.equal(lines[1], '1 error in 1 file (1 fixable with --fix-unsafe)');
    assert.equal(lines[2], '');
    assert.equal(lines.length, 3);
  });

  it('marks findings --fix can fix with [*], and counts them per rule with the same mark', async () => {
    const cwd = tempTree({
      Dockerfile: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER root\n',
      'b/Dockerfile': 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER root\n',
    });
    const r = await run(['check', '--select', 'USR002'], { cwd });
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^Dockerfile:2:6: error USR002 \[\*\] The container runs as 'root'/);
    assert.equal(lines[2], '2 | USER root');
    assert.equal(lines[3], '  |      ^^^^ USR002');
    assert.ok(lines.includes('2  USR002  [*] root-user'), r.stdout);
    assert.match(lines.at(-2)!, /^2 errors in 2 files \(2 fixable with --fix\)$/);
  });

  it('expands tabs and escapes control characters in the excerpt, keeping the caret under the range', async () => {
    const cwd = tempTree({ Dockerfile: 'FROM\tpython:3.13\x1b[31m\n' });
    const r = await run(['check', ...ONLY], { cwd });
    const lines = r.stdout.split('\n');
    assert.equal(lines[2], '1 | FROM    python:3.13\\e[31m');
    assert.equal(lines[3], '  |         ^^^^^^ IMG001');
    assert.doesNotMatch(r.stdout, /\x1b/);
  });

  it('escapes newlines and escape sequences in file names and messages (F19)', async () => {
    const forged = 'Dockerfile.x\nDockerfile:1:1: error FAKE001 forged finding';
    const cwd = tempTree({ [forged]: 'FROM python:3.9\n', 'Dockerfile.esc': 'FROM \x1b]0;pwned\x07\x1b[31mpython:3.9\n' });
    for (const format of ['text', 'concise']) {
      const r = await run(['check', '--format', format, ...ONLY], { cwd });
      assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f]/, format);
      assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('Dockerfile:1:1: error FAKE001')), format);
      assert.match(r.stdout, /Dockerfile\.x\\nDockerfile:1:1: error FAKE001 forged finding:1:6: error IMG001/);
      assert.match(r.stdout, /\\e\]0;pwned\\x07\\e\[31mpython/);
    }
  });

  it('says so when nothing is found, exit 0', async () => {
    const cwd = tempTree({ Dockerfile: GOOD });
    const r = await run(['check', ...ONLY], { cwd });
    assert.deepEqual(r, { code: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });

  it('--quiet prints findings only', async () => {
    const cwd = tempTree({ Dockerfile: BAD, 'ok/Dockerfile': GOOD });
    const r = await run(['check', '-q', '--format', 'concise', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trimEnd().split('\n').length, 1);
    const full = await run(['check', '-q', ...ONLY], { cwd });
    assert.doesNotMatch(full.stdout, /fixable|IMG001  unapproved/, 'no counts and no summary');
    assert.match(r.stdout, /^Dockerfile:1:6: error IMG001 /);
    const clean = await run(['check', '--quiet', 'ok', ...ONLY], { cwd });
    assert.deepEqual(clean, { code: 0, stdout: '', stderr: '' });
  });

  it('colours only when asked or on a terminal, and NO_COLOR / --no-color turn it off', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const plain = await run(['check', ...ONLY], { cwd });
    const forced = await run(['check', ...ONLY], { cwd, env: { FORCE_COLOR: '1' } });
    const flag = await run(['check', '--color', ...ONLY], { cwd, env: { NO_COLOR: '1' } });
    const off = await run(['check', '--no-color', ...ONLY], { cwd, env: { FORCE_COLOR: '1' } });
    const noColor = await run(['check', ...ONLY], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    assert.match(forced.stdout, /\x1b\[31m\x1b\[1merror\x1b\[22m\x1b\[39m/);
    assert.match(flag.stdout, /\x1b\[/);
    assert.equal(off.stdout, plain.stdout);
    assert.equal(noColor.stdout, plain.stdout);
  });

  it('counts a byte order mark out of the columns', async () => {
    const cwd = tempTree({ Dockerfile: '\uFEFF' + BAD });
    const r = await run(['check', ...ONLY], { cwd });
    assert.match(r.stdout, /^Dockerfile:1:6: error IMG001 /);
  });
});

describe('check: JSON output', { concurrency: true }, () => {
  it('lists every file checked, its findings with 1-based positions and fixes, and totals', async () => {
    const cwd = tempTree({ 'a/Dockerfile': BAD, 'b/Dockerfile': GOOD });
    const r = await run(['check', '--format', 'json', ...ONLY], { cwd });
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.tool.name, 'container-standards');
    assert.deepEqual(
      doc.files.map((f: { path: string }) => f.path),
      ['a/Dockerfile', 'b/Dockerfile'],
    );
    assert.equal(doc.files[0].language, 'dockerfile');
    assert.equal(doc.files[0].profile, 'gen3');
    const [finding] = doc.files[0].findings;
    assert.equal(finding.code, 'IMG001');
    assert.equal(finding.name, 'unapproved-base-image');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.start, { line: 1, column: 6 });
    assert.deepEqual(finding.end, { line: 1, column: 12 });
    assert.equal(finding.fixes[0].safe, false);
    assert.equal(finding.fixes[0].applicability, 'unsafe');
    assert.equal(finding.fixes[0].preferred, true);
    assert.deepEqual(finding.fixes[0].edits[0].start, { line: 1, column: 6 });
    assert.deepEqual(doc.files[1].findings, []);
    assert.equal(doc.summary.errors, 1);
    assert.equal(doc.summary.checked, 2);
    assert.equal(doc.summary.filesWithFindings, 1);
    assert.equal(doc.summary.unsafeFixable, 1);
  });
});

describe('check: SARIF output', { concurrency: true }, () => {
  const sarif = async (cwd: string, extra: string[] = []) => {
    const r = await run(['check', '--format', 'sarif', ...ONLY, ...extra], { cwd });
    return { ...r, log: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  it('is SARIF 2.1.0 as code scanning reads it', async () => {
    const cwd = tempTree({ 'svc one/Dockerfile': BAD });
    const { code, log } = await sarif(cwd);
    assert.equal(code, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [runLog] = log.runs;
    assert.equal(runLog.columnKind, 'utf16CodeUnits');
    assert.equal(runLog.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(cwd).href + '/');
    const driver = runLog.tool.driver;
    assert.equal(driver.name, 'container-standards');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      allRules().map((r) => r.code),
    );
    const [result] = runLog.results;
    assert.equal(result.ruleId, 'IMG001');
    assert.equal(driver.rules[result.ruleIndex].id, 'IMG001');
    assert.equal(driver.rules[result.ruleIndex].name, 'unapproved-base-image');
    assert.equal(driver.rules[result.ruleIndex].defaultConfiguration.level, 'error');
    assert.ok(driver.rules[result.ruleIndex].shortDescription.text.length > 0);
    assert.equal(result.level, 'error');
    assert.match(result.message.text, /'python' is not an approved base image/);
    assert.equal(result.locations.length, 1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.deepEqual(artifactLocation, { uri: 'svc%20one/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    assert.equal(result.fixes[0].description.text, "Use 'quay.io/cdis/amazonlinux-base:3.13-pythonbase'");
    assert.deepEqual(result.fixes[0].artifactChanges[0].replacements[0], {
      deletedRegion: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 22 },
      insertedContent: { text: 'quay.io/cdis/amazonlinux-base:3.13-pythonbase' },
    });
  });

  it('sets a warning level from --rule and note for info', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const warning = await sarif(cwd, ['--rule', 'IMG001=warning']);
    const info = await sarif(cwd, ['--rule', 'IMG001=info']);
    assert.equal(warning.log.runs[0].results[0].level, 'warning');
    assert.equal(info.log.runs[0].results[0].level, 'note');
  });

  it('keeps fingerprints when lines move, and tells identical lines apart', async () => {
    const cwd = tempTree({ Dockerfile: 'FROM python:3.13 AS a\nFROM python:3.13 AS a\n' });
    const before = (await sarif(cwd)).log.runs[0].results;
    writeFileSync(join(cwd, 'Dockerfile'), '# a comment added above\n\nFROM python:3.13 AS a\nFROM python:3.13 AS a\n');
    const after = (await sarif(cwd)).log.runs[0].results;
    const prints = (results: Array<{ partialFingerprints: Record<string, string> }>) => results.map((r) => r.partialFingerprints['containerStandards/v1']);
    assert.equal(prints(before).length, 2);
    assert.notEqual(prints(before)[0], prints(before)[1]);
    assert.deepEqual(prints(after), prints(before));
    assert.equal(after[0].locations[0].physicalLocation.region.startLine, 3);
  });

  it('--output writes the report to a file, creating its folder', async () => {
    const cwd = tempTree({ Dockerfile: BAD });
    const r = await sarif(cwd, ['--output', 'reports/cs.sarif']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(existsSync(join(cwd, 'reports/cs.sarif')));
    const log = JSON.parse(readFileSync(join(cwd, 'reports/cs.sarif'), 'utf8'));
    assert.equal(log.runs[0].results[0].ruleId, 'IMG001');
  });

  it('still writes a report with no results when everything is clean', async () => {
    const cwd = tempTree({ Dockerfile: GOOD });
    const { code, log } = await sarif(cwd);
    assert.equal(code, 0);
    assert.deepEqual(log.runs[0].results, []);
  });
});

describe('formatSarif', () => {
  const report = async (path: string, cwd: string) => {
    const text = BAD;
    const { findings } = await lint(text, 'dockerfile', { profile: builtinProfile('gen3')!, rules: {} });
    return {
      files: [
        {
          path,
          shown: path,
          language: 'dockerfile' as const,
          profile: 'gen3',
          text,
          findings: findings.filter((f) => f.code === 'IMG001'),
          fixed: 0,
          dropped: [],
        },
      ],
      cwd,
      fixMode: 'none' as const,
    };
  };

  it('links each rule to its documentation page when the package names its repository', async () => {
    const log = JSON.parse(
      formatSarif(await report('/repo/Dockerfile', '/repo'), allRules(), {
        name: 'container-standards',
        version: '1.2.3',
        repository: 'https://github.com/acme/container-standards',
      }),
    );
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.informationUri, 'https://github.com/acme/container-standards');
    const img001 = driver.rules.find((r: { id: string }) => r.id === 'IMG001');
    assert.equal(img001.helpUri, 'https://github.com/acme/container-standards/blob/main/docs/rules/IMG001.md');
    assert.match(
      img001.help.markdown,
      /\[IMG001 unapproved-base-image\]\(https:\/\/github\.com\/acme\/container-standards\/blob\/main\/docs\/rules\/IMG001\.md\)/,
    );
  });

  it('gives a file outside the working directory an absolute file URI', async () => {
    const log = JSON.parse(formatSarif(await report('/elsewhere/Dockerfile', '/repo'), allRules(), { name: 'container-standards', version: '1.2.3' }));
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/Dockerfile' });
    assert.equal(log.runs[0].tool.driver.rules[0].helpUri, undefined);
  });
});
