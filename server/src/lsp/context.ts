import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileFeatures } from './dockerfileFeatures';
import type { DocumentChecks } from './documentChecks';
import type { EditorState } from './editorState';
import type { Log } from './guard';

/** What every feature of the server shares; `client` and `dockerfile` are set when the client initializes. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly state: EditorState;
  readonly checks: DocumentChecks;
  readonly log: Log;
  client: ClientCapabilities;
  dockerfile: DockerfileFeatures;
  /** Settings or files changed: resolve settings again and check every open document. */
  recheckAll(changed?: string[]): Promise<void>;
}

/** A feature registers its handlers and says what to announce in `initialize`. */
export type Feature = (context: ServerContext) => ServerCapabilities;
