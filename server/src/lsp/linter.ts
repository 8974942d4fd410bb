import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chosenFix, fixChecker, fixPasses, lint, verifyFix, type Finding, type Fix, type Language, type LintOptions, type LintResult } from '../engine';
import { filePath, type DocumentSettings } from './workspace';

/**
 * The most findings a document shows (as the LSP sample's maxNumberOfProblems): a generated file with
 * 100,000 findings would otherwise cost the editor and the server hundreds of MB; the CLI reports all.
 */
export const MAX_SHOWN = 1000;

/** A document's findings, at most MAX_SHOWN of them, and how many there are in all. */
export interface ShownResult extends LintResult {
  total: number;
}

/** How the server runs the engine: lint a text, verify a fix against it, fix all. */
export interface Linter {
  /**
   * The first MAX_SHOWN findings with their fixes and suppression edits, and nothing of the analysis.
   * `document` names an open document checked again after each edit: its last parse may be kept for the next.
   */
  lint(text: string, language: Language, options: LintOptions, document?: string): Promise<ShownResult>;
  /** Why a finding's fix fails verification on `text` (see engine/fixAll.ts), or `undefined` when it holds. */
  verify(text: string, language: Language, options: LintOptions, finding: Finding, fix: Fix): Promise<string | undefined>;
  /** The text with every safe fix applied, each verified. */
  fixAll(text: string, language: Language, options: LintOptions): Promise<string>;
  /** A large document closed: drop a check of it still running; says whether one was. */
  dropLarge?(): boolean;
  /** The server is ready: load what the first check needs. */
  warm?(): void;
  end?(): void;
}

/** The engine in this thread (also what the worker runs). */
export const inProcess: Linter = {
  lint: async (text, language, options) => shown(await lint(text, language, options)),
  verify: async (text, language, options, finding, fix) => {
    const checker = fixChecker(language, options);
    return verifyFix(text, await checker.lint(text), finding, fix, checker);
  },
  fixAll: async (text, language, options) => (await fixPasses(text, fixChecker(language, options), (f) => chosenFix(f, 'safe'))).text,
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
 * Keeps the first MAX_SHOWN findings and what the code actions need (findings, their fixes and suppression edits) and lets the rest of
 * the analysis go: the result's `suppressionEdit` holds the whole context (parse tree, symbols), and an
 * open document's last check lives as long as the document (with 1,000 documents open: 128 MiB of heap).
 */
export function shown(result: LintResult): ShownResult {
  const findings = result.findings.slice(0, MAX_SHOWN);
  const edits = new Map(findings.map((f) => [f, result.suppressionEdit(f)]));
  const fileEdits = new Map(findings.map((f) => [f, result.fileSuppressionEdit(f)]));
  return {
    findings,
    total: result.findings.length,
    suppressionEdit: (f) => edits.get(f) ?? { range: { start: f.range.start, end: f.range.start }, newText: '' },
    fileSuppressionEdit: (f) => fileEdits.get(f),
  };
}
