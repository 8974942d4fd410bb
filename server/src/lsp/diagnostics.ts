import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ShownResult } from './linter';
import type { Finding, Severity } from '../engine';
import { ruleDocsUrl, TOOL_NAME } from '../product';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const href = ruleDocsUrl(finding.code);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: TOOL_NAME,
    code: finding.code,
    codeDescription: href ? { href } : undefined,
    message: finding.message,
  };
}

/** Whether an editor diagnostic is the one we published for this finding. */
export function isDiagnosticOf(diagnostic: Diagnostic, finding: Finding): boolean {
  const r = diagnostic.range;
  const f = finding.range;
  return (
    diagnostic.source === TOOL_NAME &&
    diagnostic.code === finding.code &&
    r.start.line === f.start.line &&
    r.start.character === f.start.character &&
    r.end.line === f.end.line &&
    r.end.character === f.end.character
  );
}

/** A document's diagnostics; past MAX_SHOWN findings, one more at the top says how many are not shown. */
export function diagnosticsOf(result: ShownResult): Diagnostic[] {
  const diagnostics = result.findings.map(toDiagnostic);
  const hidden = result.total - result.findings.length;
  if (hidden > 0) {
    const start = { line: 0, character: 0 };
    const message = `${hidden.toLocaleString('en-US')} more findings are not shown (the editor shows the first ${result.findings.length.toLocaleString('en-US')}); run the container-standards CLI on this file to see them all.`;
    diagnostics.unshift({ range: { start, end: start }, severity: DiagnosticSeverity.Information, source: TOOL_NAME, message });
  }
  return diagnostics;
}
