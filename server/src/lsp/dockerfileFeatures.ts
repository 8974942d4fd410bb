import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import {
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  RenameRequest,
  SignatureHelpRequest,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type Position,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { clampFormatting, guard } from './guard';
import { oversized } from './oversized';

const SELECTOR = [{ language: 'dockerfile' }];
const ON_TYPE = { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] };
const SIGNATURE_HELP = { triggerCharacters: ['-', '[', ',', ' ', '='] };

/**
 * General Dockerfile editing (instruction completion and hover, formatting, folding, symbols, rename…)
 * from `dockerfile-language-service`, for users who run no other Dockerfile extension. Registered
 * dynamically so that turning the setting off removes them from the editor, not just empties them.
 * Its tag completion asks Docker Hub; our own FROM completions answer there instead, and the bundle
 * replaces its registry client with one that never connects (scripts/build.mjs).
 */
export class DockerfileFeatures {
  readonly service: DockerfileLanguageService = DockerfileLanguageServiceFactory.createLanguageService();
  private registrations: Disposable[] = [];
  private enabled = false;
  /** Clients that cannot register later get the capabilities up front, and empty answers while off. */
  private readonly dynamic: boolean;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    capabilities: ClientCapabilities,
    /** Where our image completions answer: FROM's signature help would open on top of their list. */
    private readonly completesImageAt: (uri: string, text: string, position: Position) => Promise<boolean> = async () => false,
  ) {
    this.service.setCapabilities({
      completion: { completionItem: capabilities.textDocument?.completion?.completionItem },
      foldingRange: {
        lineFoldingOnly: capabilities.textDocument?.foldingRange?.lineFoldingOnly,
        rangeLimit: capabilities.textDocument?.foldingRange?.rangeLimit,
      },
    });
    this.dynamic = capabilities.textDocument?.formatting?.dynamicRegistration === true;
    this.handle();
  }

  /** Capabilities to announce in `initialize` when they cannot be registered later. */
  staticCapabilities(): ServerCapabilities {
    if (this.dynamic) return {};
    return {
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentOnTypeFormattingProvider: ON_TYPE,
      foldingRangeProvider: true,
      documentSymbolProvider: true,
      documentHighlightProvider: true,
      definitionProvider: true,
      renameProvider: { prepareProvider: true },
      signatureHelpProvider: SIGNATURE_HELP,
    };
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  async enable(on: boolean): Promise<void> {
    if (on === this.enabled) return;
    this.enabled = on;
    if (!this.dynamic) return;
    if (!on) {
      for (const r of this.registrations.splice(0)) r.dispose();
      return;
    }
    const c = this.connection.client;
    this.registrations = await Promise.all([
      c.register(DocumentFormattingRequest.type, { documentSelector: SELECTOR }),
      c.register(DocumentRangeFormattingRequest.type, { documentSelector: SELECTOR }),
      c.register(DocumentOnTypeFormattingRequest.type, { documentSelector: SELECTOR, ...ON_TYPE }),
      c.register(FoldingRangeRequest.type, { documentSelector: SELECTOR }),
      c.register(DocumentSymbolRequest.type, { documentSelector: SELECTOR }),
      c.register(DocumentHighlightRequest.type, { documentSelector: SELECTOR }),
      c.register(DefinitionRequest.type, { documentSelector: SELECTOR }),
      c.register(RenameRequest.type, { documentSelector: SELECTOR, prepareProvider: true }),
      c.register(SignatureHelpRequest.type, { documentSelector: SELECTOR, ...SIGNATURE_HELP }),
    ]);
  }

  private handle(): void {
    const { connection } = this;
    const log = (message: string) => connection.console.error(message);
    const text = (uri: string) => {
      const doc = this.documents.get(uri);
      return this.enabled && doc?.languageId === 'dockerfile' && !oversized(doc.getText()) ? doc.getText() : undefined;
    };
    connection.onDocumentFormatting(
      guard(log, 'formatting', null, ({ textDocument, options }) => withText(text(textDocument.uri), (t) => this.service.format(t, clampFormatting(options)))),
    );
    connection.onDocumentRangeFormatting(
      guard(log, 'rangeFormatting', null, ({ textDocument, range, options }) =>
        withText(text(textDocument.uri), (t) => this.service.formatRange(t, range, clampFormatting(options))),
      ),
    );
    connection.onDocumentOnTypeFormatting(
      guard(log, 'onTypeFormatting', null, ({ textDocument, position, ch, options }) =>
        withText(text(textDocument.uri), (t) => this.service.formatOnType(t, position, ch, clampFormatting(options))),
      ),
    );
    connection.onFoldingRanges(
      guard(log, 'foldingRange', null, ({ textDocument }) => withText(text(textDocument.uri), (t) => this.service.computeFoldingRanges(t))),
    );
    connection.onDocumentSymbol(
      guard(log, 'documentSymbol', null, ({ textDocument }) => withText(text(textDocument.uri), (t) => this.service.computeSymbols(textDocument, t))),
    );
    connection.onDocumentHighlight(
      guard(log, 'documentHighlight', null, ({ textDocument, position }) =>
        withText(text(textDocument.uri), (t) => this.service.computeHighlightRanges(t, position)),
      ),
    );
    connection.onDefinition(
      guard(log, 'definition', null, ({ textDocument, position }) =>
        withText(text(textDocument.uri), (t) => this.service.computeDefinition(textDocument, t, position)),
      ),
    );
    connection.onPrepareRename(
      guard(log, 'prepareRename', null, ({ textDocument, position }) => withText(text(textDocument.uri), (t) => this.service.prepareRename(t, position))),
    );
    connection.onRenameRequest(
      guard(log, 'rename', null, ({ textDocument, position, newName }) =>
        withText(text(textDocument.uri), (t) => ({ changes: { [textDocument.uri]: this.service.computeRename(textDocument, t, position, newName) } })),
      ),
    );
    connection.onSignatureHelp(
      guard(log, 'signatureHelp', null, async ({ textDocument, position }) => {
        const t = text(textDocument.uri);
        if (t === undefined || (await this.completesImageAt(textDocument.uri, t, position))) return null;
        return this.service.computeSignatureHelp(t, position);
      }),
    );
  }
}

function withText<T>(text: string | undefined, compute: (text: string) => T): T | null {
  return text === undefined ? null : compute(text);
}
