import pkg from '../../package.json';

interface PackageInfo {
  name: string;
  version: string;
  repository?: string | { url?: string };
}

const info = pkg as PackageInfo;

export const TOOL_NAME = 'container-standards';
export const TOOL_VERSION = info.version;

/** `https://github.com/owner/repo` from package.json, or `undefined` while the package names none. */
export function repositoryUrl(): string | undefined {
  const raw = typeof info.repository === 'string' ? info.repository : info.repository?.url;
  if (!raw) return undefined;
  const github = /^github:(.+)$/.exec(raw) ?? /^([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (github) return `https://github.com/${github[1]}`;
  return raw
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/\.git$/, '');
}

/** Where a rule's documentation page is published, for SARIF `helpUri` and the editor's code links. */
export function ruleDocsUrl(code: string): string | undefined {
  const repo = repositoryUrl();
  return repo ? `${repo}/blob/main/docs/rules/${code}.md` : undefined;
}
