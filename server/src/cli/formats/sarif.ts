import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceText, type Fix, type Range, type RuleMeta, type Severity } from '../../engine';
import { inside } from '../paths';
import type { CheckReport, FileReport } from '../report';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule in `tool.driver.rules`, one
 * physical location per result with 1-based regions in UTF-16 code units, paths relative to the
 * checkout (`%SRCROOT%`), and fingerprints that survive unrelated edits above a finding.
 */
export interface SarifTool {
  name: string;
  version: string;
  /** `https://github.com/owner/repo`; rule help links point into its `docs/rules/`. */
  repository?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'containerStandards/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: CheckReport, rules: RuleMeta[], tool: SarifTool): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const results = report.files.flatMap((file) => resultsOf(file, report.cwd, ruleIndex));
  const profiles = [...new Set(report.files.map((f) => f.profile))];
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.repository ? { informationUri: tool.repository } : {}),
            rules: rules.map((r) => descriptor(r, tool)),
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { profiles },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function descriptor(rule: RuleMeta, tool: SarifTool) {
  const docs = tool.repository ? `${tool.repository}/blob/main/docs/rules/${rule.code}.md` : undefined;
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    ...(docs ? { helpUri: docs, help: { text: `${rule.summary} See ${docs}`, markdown: `${rule.summary}\n\n[${rule.code} ${rule.name}](${docs})` } } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.language] },
  };
}

function resultsOf(file: FileReport, cwd: string, ruleIndex: Map<string, number>) {
  const location = artifactLocation(file.path, cwd);
  const source = SourceText.of(file.text);
  const occurrences = new Map<string, number>();
  return file.findings.map((f) => {
    // Same rule on the same line text: number them, so two identical FROM lines keep distinct alerts.
    const line = source.lineText(f.range.start.line).trim().replace(/\s+/g, ' ');
    const key = `${f.code}\u0000${line}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
      partialFingerprints: { [FINGERPRINT]: `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n + 1}` },
      ...(f.fixes.length ? { fixes: f.fixes.map((x) => sarifFix(x, location)) } : {}),
    };
  });
}

function sarifFix(fix: Fix, artifact: ReturnType<typeof artifactLocation>) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
      },
    ],
    properties: { applicability: fix.applicability },
  };
}

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Relative to the working directory (the checkout in CI); an absolute file URI for files outside it. */
function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = inside(cwd, path);
  if (rel === undefined) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function folderUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
