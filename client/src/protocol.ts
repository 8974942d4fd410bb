// The custom requests of the language server (server/src/lsp/server.ts), as the client sees them.
import { RequestType } from 'vscode-languageclient/node';

export interface CheckFilesResult {
  checked: number;
  findings: number;
}

export interface ProfileInfo {
  id: string;
  title: string;
  documentation?: string;
  source: 'builtin' | 'file';
  repositories: string[];
  user: string;
}

export const CheckFilesRequest = new RequestType<{ uris: string[] }, CheckFilesResult, void>('containerStandards/checkFiles');
export const ProfileRequest = new RequestType<{ uri?: string }, ProfileInfo | null, void>('containerStandards/profile');
