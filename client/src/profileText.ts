// Words about the active profile, apart from vscode so they can be unit tested.
import type { ProfileInfo } from '../../server/src/lsp/protocol';

/** Where the active profile comes from, in words (the status bar tooltip, the picker, the notification). */
export function describeOrigin(info: ProfileInfo, config: (file: string) => string): string {
  if (info.restricted) return `built-in default: this workspace is not trusted, so the profile file named in ${config(info.restricted.file)} is not read`;
  switch (info.origin.kind) {
    case 'setting':
      return `the setting containerStandards.profile${info.config ? ` (it overrides ${config(info.config)}, which CI uses)` : ''}`;
    case 'config': {
      const where = config(info.origin.file);
      if (info.origin.override !== undefined) return `${where}, overrides[${info.origin.override}]`;
      return info.origin.extended ? `${where} ("extends", with additions)` : where;
    }
    default:
      return info.config ? `built-in default (${config(info.config)} names no profile)` : 'built-in default (no .container-standards.json)';
  }
}

/** The status bar item in plain words, for screen readers (no Markdown, no icon names). */
export function statusLabel(info: ProfileInfo, relative: (file: string) => string): string {
  const state = [
    info.restricted ? 'restricted mode' : '',
    info.configErrors ? `the config has ${info.configErrors} error(s)` : '',
    info.excluded ? 'this file is not checked' : '',
  ].filter(Boolean);
  return `Container Standards profile ${info.id}, from ${describeOrigin(info, relative)}${state.length ? `; ${state.join('; ')}` : ''}. Click to choose the profile.`;
}
