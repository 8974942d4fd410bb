import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { TOOL_NAME } from '../product';
import { isFileProblem, type FileProblem, type SettingsProblem } from '../node/config';
import { editorRemedy, settingMessage } from './workspace';

/**
 * Where settings problems are shown: problems in config and profile files become diagnostics in those
 * files (sent again only when they change); a wrong editor setting becomes one notification, once.
 */
export class ConfigProblems {
  private readonly notified = new Set<string>();
  /** Config and profile files with published problems → the problems, as last sent. */
  private readonly published = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  /** Files that have problems shown: after a reset each is checked again, so fixed ones are cleared. */
  files(): string[] {
    return [...this.published.keys()];
  }

  /** After a change of settings, a wrong setting is said again. */
  forgetNotified(): void {
    this.notified.clear();
  }

  show(problems: SettingsProblem[]): void {
    const byFile = new Map<string, FileProblem[]>();
    for (const p of problems) {
      if (isFileProblem(p)) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      else this.notify(settingMessage(p));
    }
    for (const [file, list] of byFile) this.publish(file, list);
  }

  /** Shows a file's problems (none clears them). */
  publish(file: string, problems: FileProblem[]): void {
    this.send(pathToFileURL(file).href, problems.map(diagnosticOf));
  }

  /** Clears a file that is no longer a config file (deleted or renamed). */
  clear(uri: string): void {
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private send(uri: string, diagnostics: ReturnType<typeof diagnosticOf>[]): void {
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private notify(message: string): void {
    if (this.notified.has(message)) return;
    this.notified.add(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Container Standards: ${message}` });
  }
}

function diagnosticOf(p: FileProblem) {
  return {
    range: p.range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: TOOL_NAME,
    // A problem the file's author fixes in the file needs no remedy; others say what to do in the editor.
    message: p.hint === 'fix-config' || p.hint === 'fix-profile' ? p.message : `${p.message}; ${editorRemedy(p.hint)}`,
  };
}
