// The language server's own requests, shared by the server and the VS Code client (client/src).
import { RequestType } from 'vscode-languageserver-protocol/node';

export interface CheckFilesParams {
  uris: string[];
}

export interface CheckFilesResult {
  checked: number;
  findings: number;
}

export interface ProfileParams {
  uri?: string;
}

export interface ProfileInfo {
  id: string;
  title: string;
  documentation?: string;
  source: 'builtin' | 'file';
  repositories: string[];
  user: string;
}

/** Checks files on disk (or open) and publishes their diagnostics: "Check whole workspace". */
export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('containerStandards/checkFiles');

/** The profile that applies to a document, or `null` when it cannot be loaded. */
export const ProfileRequest = new RequestType<ProfileParams, ProfileInfo | null, void>('containerStandards/profile');
