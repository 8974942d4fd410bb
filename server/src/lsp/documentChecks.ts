import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Language } from '../engine';
import { diagnosticsOf } from './diagnostics';
import type { EditorState } from './editorState';
import { lintOptions, type Linter, type ShownResult } from './linter';
import { oversized, oversizedDiagnostic } from './oversized';
import { CheckScheduler } from './scheduler';
import { LARGE_TEXT, WorkerEnded } from './workerLinter';
import { documentLanguage, type DocumentSettings } from './workspace';

/** Pause after the last keystroke before a document is checked again. */
const TYPING_PAUSE_MS = 200;

/** An open document's last check: what code actions need, not the whole analysis. */
export interface Checked {
  version: number;
  text: string;
  language: Language;
  settings: DocumentSettings;
  result: ShownResult;
}

/** Checks open documents after typing pauses and publishes their diagnostics; keeps each one's last check. */
export class DocumentChecks {
  private readonly checked = new Map<string, Checked>();
  private readonly scheduler = new CheckScheduler((uri, isCurrent) => this.check(uri, isCurrent), TYPING_PAUSE_MS);

  constructor(
    private readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    private readonly state: EditorState,
    readonly linter: Linter,
  ) {}

  schedule(uri: string, now = false): void {
    this.scheduler.schedule(uri, now);
  }

  recheckAll(): void {
    for (const doc of this.documents.all()) this.scheduler.schedule(doc.uri, true);
  }

  closed(uri: string, text: string): void {
    this.scheduler.cancel(uri);
    this.publish(uri, []);
    // A large document's check still running holds its memory: end it, and check again the other large ones it held up.
    if (text.length < LARGE_TEXT || !this.linter.dropLarge?.()) return;
    for (const doc of this.documents.all()) if (doc.uri !== uri && doc.getText().length >= LARGE_TEXT) this.schedule(doc.uri, true);
  }

  /** The last check of the document as it is now, checking again if it changed since. */
  async current(uri: string): Promise<Checked | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const last = this.checked.get(uri);
    if (last?.version === doc.version) return last;
    const language = documentLanguage(doc);
    const text = doc.getText();
    if (oversized(text)) return undefined;
    const settings = language && (await this.state.documentSettings(uri));
    if (!language || !settings) return undefined;
    return { version: doc.version, text, language, settings, result: await this.linter.lint(text, language, lintOptions(settings, language, uri), uri) };
  }

  private async check(uri: string, isCurrent: () => boolean): Promise<void> {
    try {
      const doc = this.documents.get(uri);
      const language = doc && documentLanguage(doc);
      if (!doc || !language) return;
      if (oversized(doc.getText())) return this.publish(uri, [oversizedDiagnostic()], doc.version);
      const settings = await this.state.documentSettings(uri);
      if (!isCurrent()) return;
      if (!settings) return this.publish(uri, []);
      const { version } = doc;
      const text = doc.getText();
      const result = await this.linter.lint(text, language, lintOptions(settings, language, uri), uri);
      if (!isCurrent() || this.documents.get(uri)?.version !== version) return;
      this.publish(uri, diagnosticsOf(result), version, { version, text, language, settings, result });
    } catch (e) {
      if (e instanceof WorkerEnded) return;
      this.connection.console.error(`checking ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** Sends the document's diagnostics and keeps its check (none: code actions have nothing to offer). */
  private publish(uri: string, diagnostics: Diagnostic[], version?: number, checked?: Checked): void {
    if (checked) this.checked.set(uri, checked);
    else this.checked.delete(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
