// Shared helpers for the end-to-end tests. They only use the public `vscode` API, so the same
// tests run in code-server's extension host (test/e2e/run.mjs) and in VS Code desktop
// (test/e2e/electron.mjs).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import * as vscode from 'vscode';

/** `source` of every diagnostic the extension publishes. */
export const SOURCE = 'container-standards';

/** Repository root: this file is compiled to out/test/e2e/suite/. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Manifest {
  name: string;
  publisher: string;
  contributes?: { snippets?: { language: string; path: string }[] };
}

/** Folder of the test workspace that the tests write their files into. */
export const SCRATCH = 'scratch';

/**
 * Prints a line that reaches the launcher's terminal: plain console output from the extension host
 * only lands in the window's log, so this also appends to the suite's log file (see index.ts).
 */
export function log(...args: unknown[]): void {
  const line = util.format(...args);
  console.log(line);
  const dir = process.env.CS_E2E_RESULTS_DIR;
  if (dir) fs.appendFileSync(path.join(dir, 'log.txt'), line + '\n');
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

export function extensionId(): string {
  const m = manifest();
  return `${m.publisher}.${m.name}`;
}

/** Selector of our status bar item, by the id VS Code gives it (`<extension id>.<item id>`). */
export function profileStatusItem(): string {
  return `[id="${extensionId()}.containerStandards.profile"]`;
}

/** Activates the extension under development and fails clearly when it is missing or broken. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const id = extensionId();
  const ext = vscode.extensions.getExtension(id);
  assert.ok(ext, `extension ${id} is not loaded in the extension host (extensionDevelopmentPath wrong?)`);
  await ext.activate();
  return ext;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return folder.uri;
}

/** Writes (or overwrites) a file under scratch/ in the test workspace and returns its URI. */
export async function writeWorkspaceFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), SCRATCH, ...relativePath.split('/'));
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return uri;
}

/** Opens a file in an editor and makes sure it has the expected language. */
export async function openInEditor(uri: vscode.Uri, languageId: string): Promise<vscode.TextEditor> {
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== languageId) {
    // A plain VS Code knows `Dockerfile` and `*.py`; this only guards against odd associations.
    doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
  }
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function closeAllEditors(): Promise<void> {
  // Save first: closing a dirty editor would open a "save changes?" dialog.
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  intervalMs = 200,
  describeLast?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const extra = describeLast ? `; last seen: ${describeLast()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra}`);
    }
    await sleep(intervalMs);
  }
}

export function codeValue(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics';
  return all
    .map(
      (d) =>
        `[${d.source ?? '?'} ${codeValue(d) ?? '?'} ${vscode.DiagnosticSeverity[d.severity]} ` +
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}] ${d.message}`,
    )
    .join(' | ');
}

export function waitForDiagnostic(uri: vscode.Uri, code: string, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(
    `a ${SOURCE} diagnostic ${code} on ${path.basename(uri.fsPath)}`,
    () => ourDiagnostics(uri).find((d) => codeValue(d) === code),
    timeoutMs,
    200,
    () => describeDiagnostics(uri),
  );
}

export async function waitForNoDiagnostic(uri: vscode.Uri, code: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `diagnostic ${code} to disappear from ${path.basename(uri.fsPath)}`,
    () => !ourDiagnostics(uri).some((d) => codeValue(d) === code),
    timeoutMs,
    200,
    () => describeDiagnostics(uri),
  );
}

/** Waits until the diagnostics of `uri` have not changed for `quietMs`, then returns them. */
export async function settledDiagnostics(uri: vscode.Uri, quietMs = 1_500, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  let last = describeDiagnostics(uri);
  let since = Date.now();
  await waitFor(
    `diagnostics of ${path.basename(uri.fsPath)} to settle`,
    () => {
      const now = describeDiagnostics(uri);
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs;
    },
    timeoutMs,
    100,
  );
  return ourDiagnostics(uri);
}

function isCodeAction(x: vscode.CodeAction | vscode.Command): x is vscode.CodeAction {
  return typeof (x as vscode.Command).command !== 'string';
}

/** The preferred quick fix offered for `diagnostic`, asking the providers (resolving lazy edits). */
export async function preferredQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const code = codeValue(diagnostic);
  let offered = '';
  return waitFor(
    `a preferred quick fix for ${code}`,
    async () => {
      const result =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
          100,
        )) ?? [];
      const actions = result.filter(isCodeAction);
      offered = actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(', ') || 'none';
      const forThis = actions.filter(
        (a) =>
          (!a.kind || vscode.CodeActionKind.QuickFix.contains(a.kind)) &&
          (a.diagnostics === undefined || a.diagnostics.length === 0 || a.diagnostics.some((d) => codeValue(d) === code)),
      );
      return forThis.find((a) => a.isPreferred);
    },
    10_000,
    250,
    () => `offered: ${offered}`,
  );
}

export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `code action "${action.title}" has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function documentationOf(item: vscode.CompletionItem): string {
  const doc = item.documentation;
  const text = doc === undefined ? '' : typeof doc === 'string' ? doc : doc.value;
  return `${item.detail ?? ''} ${text}`.trim();
}

export async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    undefined,
    200, // resolve items so lazily-provided documentation is filled in
  );
  return list?.items ?? [];
}

/** Removes // and /* *\/ comments outside strings (snippet files are JSON with comments). */
function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

export interface SnippetDefinition {
  name: string;
  prefix: string[];
  body: string;
  description?: string;
}

/** Reads the extension's contributed snippets for `language` (falls back to snippets/<language>.json). */
export function contributedSnippets(language: string): SnippetDefinition[] {
  const contribution = manifest().contributes?.snippets?.find((s) => s.language === language);
  const file = path.join(REPO_ROOT, contribution?.path ?? path.join('snippets', `${language}.json`));
  const raw = JSON.parse(stripJsonComments(fs.readFileSync(file, 'utf8'))) as Record<
    string,
    { prefix?: string | string[]; body: string | string[]; description?: string }
  >;
  return Object.entries(raw).map(([name, s]) => ({
    name,
    prefix: s.prefix === undefined ? [] : Array.isArray(s.prefix) ? s.prefix : [s.prefix],
    body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
    description: s.description,
  }));
}
