// Moved to server/src/node/bounded.ts, shared by the CLI and the language server.
export * from '../node/bounded';
