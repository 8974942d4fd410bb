import type { Finding, Position, TextEdit } from '../../engine';
import { summarize, type CheckReport } from '../report';
import { TOOL_NAME, TOOL_VERSION } from '../../product';

/** 1-based, like the text format; `column` counts UTF-16 code units. */
interface JsonPosition {
  line: number;
  column: number;
}

const at = (p: Position): JsonPosition => ({ line: p.line + 1, column: p.character + 1 });
const edit = (e: TextEdit) => ({ start: at(e.range.start), end: at(e.range.end), newText: e.newText });

function finding(f: Finding) {
  return {
    code: f.code,
    name: f.name,
    severity: f.severity,
    message: f.message,
    start: at(f.range.start),
    end: at(f.range.end),
    fixes: f.fixes.map((x) => ({
      title: x.title,
      applicability: x.applicability,
      safe: x.applicability === 'safe',
      preferred: x.preferred ?? false,
      edits: x.edits.map(edit),
    })),
  };
}

/** A stable document for scripts: every file checked (clean ones too), its findings, and totals. */
export function formatJson(report: CheckReport): string {
  const doc = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    files: report.files.map((file) => ({
      path: file.shown,
      language: file.language,
      profile: file.profile,
      fixed: file.fixed,
      droppedFixes: file.dropped.map((d) => ({ code: d.code, title: d.title, line: d.line + 1, reason: d.reason })),
      findings: file.findings.map(finding),
    })),
    summary: summarize(report),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
