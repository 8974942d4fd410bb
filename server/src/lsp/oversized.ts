import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { megabytes, SOURCE_LIMIT } from '../node/bounded';
import { TOOL_NAME } from '../product';

/** Whether a document is over the limit for a source file (counted as the CLI counts it: UTF-8 bytes). */
export function oversized(text: string): boolean {
  if (text.length > SOURCE_LIMIT) return true;
  if (text.length * 3 <= SOURCE_LIMIT) return false;
  return Buffer.byteLength(text, 'utf8') > SOURCE_LIMIT;
}

/** The one diagnostic an oversized document gets: it is not parsed at all. */
export const OVERSIZED_MESSAGE = `Not checked: this file is larger than ${megabytes(SOURCE_LIMIT)}, the most container-standards reads.`;

export function oversizedDiagnostic(): Diagnostic {
  const start = { line: 0, character: 0 };
  return { range: { start, end: start }, severity: DiagnosticSeverity.Information, source: TOOL_NAME, message: OVERSIZED_MESSAGE };
}
