import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { languageOf } from '../../engine';
import { readBounded, SOURCE_LIMIT } from '../../node/bounded';
import type { Feature } from '../context';
import { diagnosticsOf } from '../diagnostics';
import { guard } from '../guard';
import { lintOptions } from '../linter';
import { oversized } from '../oversized';
import { CheckFilesRequest, type CheckFilesResult } from '../protocol';
import { filePath } from '../workspace';

/** "Check Whole Workspace": the client lists the files, the server checks each and publishes its diagnostics. */
export const workspaceCheck: Feature = ({ connection, documents, state, checks, log }) => {
  connection.onRequest(
    CheckFilesRequest,
    guard(log, 'checkFiles', { checked: 0, findings: 0 }, async ({ uris }, token): Promise<CheckFilesResult> => {
      let checked = 0;
      let findings = 0;
      const roots = state.folders.flatMap((f) => realPath(filePath(f.uri)) ?? []);
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        const path = filePath(uri);
        const language = languageOf(path ?? uri);
        const open = documents.get(uri);
        if (!language || (!open && !path)) continue;
        // A repository's link to a file outside the workspace (/proc/self/environ, another project) is not read.
        const real = open ? undefined : realPath(path);
        if (!open && roots.length && !roots.some((r) => real && (real === r || real.startsWith(r.endsWith(sep) ? r : r + sep)))) {
          connection.console.warn(`skipped ${uri}: it links outside the workspace`);
          continue;
        }
        let text: string;
        try {
          // Only regular files, at most SOURCE_LIMIT bytes: a workspace may hold a FIFO or a link to /dev/zero.
          text = open ? open.getText() : stripBom(readBounded(path!, SOURCE_LIMIT).toString('utf8'));
        } catch (e) {
          connection.console.warn(`cannot read ${uri}: ${(e as Error).message}`);
          continue;
        }
        if (oversized(text)) continue;
        const settings = await state.documentSettings(uri);
        if (!settings) continue;
        const result = await checks.linter.lint(text, language, lintOptions(settings, language, uri));
        void connection.sendDiagnostics({ uri, version: open?.version, diagnostics: diagnosticsOf(result) });
        checked++;
        findings += result.total;
      }
      return { checked, findings };
    }),
  );
  return {};
};

function realPath(path: string | undefined): string | undefined {
  try {
    return path === undefined ? undefined : realpathSync(path);
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
