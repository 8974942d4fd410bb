import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver/node';
import { chosenFix, SourceText, type Finding, type Fix, type LintResult } from '../engine';
import { isDiagnosticOf, toDiagnostic } from './diagnostics';
import { SHOW_RULE_DOCS } from './ruleDocs';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.containerStandards`;
export { SHOW_RULE_DOCS };
export const FIX_ALL_TITLE = 'Fix all container-standards problems in this file';

export interface ActionInput {
  uri: string;
  text: string;
  result: LintResult;
  /** Why a fix fails verification (engine/fixAll.ts), or `undefined`: every fix is verified before it is offered. */
  verify(finding: Finding, fix: Fix): Promise<string | undefined>;
  /** The text with every safe fix applied, each verified. */
  fixAll(): Promise<string>;
}

/** Quick fixes for the diagnostics under the cursor, "Disable CODE for this line", and fix-all. */
export async function codeActions(params: CodeActionParams, input: ActionInput): Promise<CodeAction[]> {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const finding of input.result.findings) {
      if (!params.context.diagnostics.some((d) => isDiagnosticOf(d, finding))) continue;
      const diagnostic = toDiagnostic(finding);
      for (const fix of finding.fixes) {
        if (await input.verify(finding, fix)) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: (fix.preferred ?? false) && fix.applicability !== 'suggestion',
          edit: { changes: { [input.uri]: fix.edits } },
        });
      }
      actions.push({
        title: `Disable ${finding.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [input.uri]: [input.result.suppressionEdit(finding)] } },
      });
      const fileWide = input.result.fileSuppressionEdit(finding);
      if (fileWide) {
        actions.push({
          title: `Disable ${finding.code} for this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [input.uri]: [fileWide] } },
        });
      }
      actions.push({
        title: `Show documentation for ${finding.code}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${finding.code}`, command: SHOW_RULE_DOCS, arguments: [finding.code] },
      });
    }
  }

  const fixable = input.result.findings.filter((f) => chosenFix(f, 'safe'));
  const fixAllWanted = wants(FIX_ALL_KIND) && only !== undefined;
  // Offered beside the quick fixes too, as ESLint does, once there is more than one thing to fix.
  const fixAllBesideQuickFixes = actions.length > 0 && fixable.length > 1;
  if (fixable.length && (fixAllWanted || fixAllBesideQuickFixes)) {
    const text = await input.fixAll();
    if (text !== input.text) {
      actions.push({
        title: FIX_ALL_TITLE,
        kind: fixAllWanted ? FIX_ALL_KIND : CodeActionKind.QuickFix,
        edit: { changes: { [input.uri]: [changedRegion(input.text, text)] } },
      });
    }
  }
  return actions;
}

/** One edit covering only what differs, so the editor keeps the cursor and folds outside it. */
export function changedRegion(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const source = new SourceText(before);
  return { range: { start: source.positionAt(start), end: source.positionAt(endBefore) }, newText: after.slice(start, endAfter) };
}
