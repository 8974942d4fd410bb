import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fixChecker, lint, type FixChecker, type Language, type LintOptions, type LintResult } from '../engine';
import { filePath, type DocumentSettings } from './workspace';

/** How the server runs the engine: lint a text, and check fixes against it. */
export interface Linter {
  /** The findings with their fixes and suppression edits, and nothing of the analysis. */
  lint(text: string, language: Language, options: LintOptions): Promise<LintResult>;
  checker(language: Language, options: LintOptions): FixChecker;
}

/** The engine in this thread. */
export const inProcess: Linter = {
  lint: async (text, language, options) => findingsOnly(await lint(text, language, options)),
  checker: (language, options) => fixChecker(language, options),
};

/**
 * The engine's options for one document, as the CLI builds them: the config's scope, and for a
 * Dockerfile the names beside it (a pyproject.toml is evidence of a Python application).
 */
export function lintOptions(settings: DocumentSettings, language: Language, uri: string): LintOptions {
  const path = language === 'dockerfile' ? filePath(uri) : undefined;
  let siblings: string[] | undefined;
  if (path) {
    try {
      siblings = readdirSync(dirname(path));
    } catch {
      siblings = undefined;
    }
  }
  return { profile: settings.profile, rules: settings.rules, buildArgs: settings.buildArgs, lock: settings.lock, scope: settings.scope, siblings };
}

/**
 * Keeps what the code actions need (findings, their fixes and suppression edits) and lets the rest of
 * the analysis go: the result's `suppressionEdit` holds the whole context (parse tree, symbols), and an
 * open document's last check lives as long as the document (with 1,000 documents open: 128 MiB of heap).
 */
export function findingsOnly(result: LintResult): LintResult {
  const edits = new Map(result.findings.map((f) => [f, result.suppressionEdit(f)]));
  const fileEdits = new Map(result.findings.map((f) => [f, result.fileSuppressionEdit(f)]));
  return {
    findings: result.findings,
    suppressionEdit: (f) => edits.get(f) ?? { range: { start: f.range.start, end: f.range.start }, newText: '' },
    fileSuppressionEdit: (f) => fileEdits.get(f),
  };
}
