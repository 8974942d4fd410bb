// Entry point of the language server (dist/server.js). The transport (--stdio, --node-ipc, --socket=)
// comes from the command line, as vscode-languageserver reads it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
