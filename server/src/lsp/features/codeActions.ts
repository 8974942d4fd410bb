import { CodeActionKind, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { allRules } from '../../engine';
import { ruleDocsUrl } from '../../product';
import { codeActions as actionsFor, FIX_ALL_KIND, SHOW_RULE_DOCS } from '../codeActions';
import type { Feature } from '../context';
import { guard } from '../guard';
import { lintOptions } from '../linter';

/** Quick fixes, suppressions and fix-all for a document's findings, and "Show documentation for CODE". */
export const codeActions: Feature = (ctx) => {
  const { connection, checks, log } = ctx;
  connection.onCodeAction(
    guard(log, 'codeAction', [], async (params) => {
      const uri = params.textDocument.uri;
      const state = await checks.current(uri);
      if (!state) return [];
      const { text, language } = state;
      const options = lintOptions(state.settings, language, uri);
      return actionsFor(params, {
        uri,
        text,
        result: state.result,
        verify: (finding, fix) => checks.linter.verify(text, language, options, finding, fix),
        fixAll: () => checks.linter.fixAll(text, language, options),
      });
    }),
  );

  // "Show documentation for CODE": the rule's page on the web, in the client's browser.
  connection.onExecuteCommand(
    guard(log, 'executeCommand', undefined, async ({ command, arguments: args }) => {
      if (command !== SHOW_RULE_DOCS) return;
      const code = typeof args?.[0] === 'string' ? args[0] : '';
      const url = allRules().some((r) => r.code === code) ? ruleDocsUrl(code) : undefined;
      if (!url) return;
      if (ctx.client.window?.showDocument?.support === true) await connection.window.showDocument({ uri: url, external: true });
      else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `${code}: ${url}` });
    }),
  );
  return {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    executeCommandProvider: { commands: [SHOW_RULE_DOCS] },
  };
};
