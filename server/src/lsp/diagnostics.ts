import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
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
