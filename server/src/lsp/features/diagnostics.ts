import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Feature } from '../context';
import { guard } from '../guard';
import { collectGarbage, LARGE_DOCUMENT } from '../memory';
import { EnvironmentNotification } from '../protocol';
import { SECTION } from '../settings';

/** Diagnostics: documents are checked as they open and change, and again when settings, trust or watched files change. */
export const diagnostics: Feature = (ctx) => {
  const { connection, documents, checks, state, log } = ctx;
  // TextDocuments fires a content change right after each open: that one is the open's own check, not typing.
  const justOpened = new Map<string, number>();
  documents.onDidOpen(
    guard(log, 'didOpen', undefined, (e) => {
      justOpened.set(e.document.uri, e.document.version);
      checks.schedule(e.document.uri, true);
    }),
  );
  documents.onDidChangeContent(
    guard(log, 'didChange', undefined, (e) => {
      const opened = justOpened.get(e.document.uri);
      justOpened.delete(e.document.uri);
      if (opened !== e.document.version) checks.schedule(e.document.uri);
    }),
  );
  documents.onDidClose(
    guard(log, 'didClose', undefined, (e) => {
      checks.closed(e.document.uri, e.document.getText());
      state.forget(e.document.uri);
      // Give a large document's memory back now, once the close has been handled and nothing holds it.
      if (e.document.getText().length >= LARGE_DOCUMENT) setTimeout(collectGarbage, 0);
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, (change) => {
      if (!state.pullsConfiguration) state.pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[SECTION];
      void ctx.recheckAll();
    }),
  );
  // The client watches `.container-standards.json` and profile files.
  connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (e) => void ctx.recheckAll(e.changes.map((c) => c.uri))));
  // Workspace trust granted, or the user setting for outside profiles changed.
  connection.onNotification(
    EnvironmentNotification,
    guard(log, 'environment', undefined, (env) => {
      state.setEnvironment(env);
      void ctx.recheckAll();
    }),
  );
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
  };
};
