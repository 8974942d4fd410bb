// Dockerfile features of the extension, exercised through the public VS Code API in a real
// extension host: diagnostics, the preferred quick fix, tag completions and the Gen3 snippet.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyCodeAction,
  closeAllEditors,
  codeValue,
  completionsAt,
  contributedSnippets,
  describeDiagnostics,
  documentationOf,
  labelOf,
  openInEditor,
  preferredQuickFix,
  settledDiagnostics,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
  writeWorkspaceFile,
} from './helpers';

const APPROVED_BASE = 'quay.io/cdis/amazonlinux-base';

suite('Dockerfile', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(closeAllEditors);

  test('IMG001 flags an unapproved base image and its preferred quick fix replaces it', async () => {
    const uri = await writeWorkspaceFile('img001/Dockerfile', 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n');
    const editor = await openInEditor(uri, 'dockerfile');
    const doc = editor.document;

    const diagnostic = await waitForDiagnostic(uri, 'IMG001');
    assert.strictEqual(diagnostic.range.start.line, 0, 'IMG001 starts on the FROM line');
    assert.strictEqual(diagnostic.range.start.character, 5, 'IMG001 starts at the image reference');
    assert.strictEqual(diagnostic.range.end.line, 0, 'IMG001 ends on the FROM line');
    const covered = doc.getText(diagnostic.range);
    assert.match(covered, /^python(:3\.13(-slim)?)?$/, `IMG001 covers the image reference, got "${covered}"`);

    const fix = await preferredQuickFix(uri, diagnostic);
    await applyCodeAction(fix);

    assert.ok(doc.lineAt(0).text.startsWith(`FROM ${APPROVED_BASE}:`), `after "${fix.title}" the FROM line is "${doc.lineAt(0).text}"`);
    assert.strictEqual(doc.lineAt(1).text, 'USER gen3', 'the quick fix leaves other lines alone');
    assert.strictEqual(doc.lineAt(2).text, 'CMD ["python"]', 'the quick fix leaves other lines alone');
    await waitForNoDiagnostic(uri, 'IMG001');
  });

  test('completes approved base-image tags after "FROM quay.io/cdis/amazonlinux-base:"', async () => {
    const line = `FROM ${APPROVED_BASE}:`;
    const uri = await writeWorkspaceFile('completion-tags/Dockerfile', `${line}\n`);
    await openInEditor(uri, 'dockerfile');
    const position = new vscode.Position(0, line.length);
    const wanted = ['3.13-pythonbase', '3.13-buildbase'];

    let seen: string[] = [];
    const items = await waitFor(
      `completions ${wanted.join(', ')}`,
      async () => {
        const all = await completionsAt(uri, position);
        seen = all.map(labelOf);
        const found = wanted.map((tag) =>
          all.find((i) => {
            const label = labelOf(i).trim();
            return label === tag || label.endsWith(`:${tag}`) || i.insertText === tag;
          }),
        );
        return found.every((i) => i !== undefined) ? (found as vscode.CompletionItem[]) : undefined;
      },
      20_000,
      500,
      () => `labels: ${seen.slice(0, 30).join(', ') || 'none'}`,
    );
    for (const item of items) {
      assert.ok(documentationOf(item).length > 0, `completion ${labelOf(item)} has a description (documentation or detail)`);
    }
  });

  test('completes the approved base image after "FROM "', async () => {
    const uri = await writeWorkspaceFile('completion-from/Dockerfile', 'FROM \n');
    await openInEditor(uri, 'dockerfile');
    const position = new vscode.Position(0, 'FROM '.length);
    let seen: string[] = [];
    await waitFor(
      `a completion offering ${APPROVED_BASE}`,
      async () => {
        const all = await completionsAt(uri, position);
        seen = all.map(labelOf);
        return all.some((i) => {
          const insert = typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? '');
          return labelOf(i).includes(APPROVED_BASE) || insert.includes(APPROVED_BASE);
        });
      },
      20_000,
      500,
      () => `labels: ${seen.slice(0, 30).join(', ') || 'none'}`,
    );
  });

  test('the Gen3 template snippet produces a Dockerfile with no errors or warnings', async () => {
    const snippets = contributedSnippets('dockerfile');
    const snippet =
      snippets.find((s) => s.prefix.includes('cs-gen3-dockerfile')) ??
      snippets.find((s) => /gen3/i.test(s.prefix.join(' ') + s.name) && s.body.includes(APPROVED_BASE));
    assert.ok(snippet, `no Gen3 Dockerfile snippet in the contributed snippets (${snippets.map((s) => s.prefix.join('|')).join(', ')})`);

    // Start from a non-compliant file so we know the server analyses this document before we rely
    // on the absence of diagnostics; then empty the editor and insert the contributed snippet.
    const uri = await writeWorkspaceFile('snippet/Dockerfile', 'FROM python:3.13-slim\n');
    const editor = await openInEditor(uri, 'dockerfile');
    const doc = editor.document;
    await waitForDiagnostic(uri, 'IMG001');
    await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length))));
    assert.strictEqual(doc.getText(), '');

    // Insert it the way a user would pick it: through VS Code's snippet service, by name.
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name: snippet.name });
    await waitFor(`snippet "${snippet.name}" to be inserted`, () => doc.getText().length > 0, 5_000);
    await vscode.commands.executeCommand('leaveSnippet');
    // The template opens with the standard's own comment; its first instruction is the approved base.
    const firstInstruction = doc
      .getText()
      .split('\n')
      .find((l) => l.trim() && !l.startsWith('#'));
    assert.ok(firstInstruction?.startsWith(`FROM ${APPROVED_BASE}:`), `snippet's first instruction is FROM the approved base: ${doc.getText()}`);
    assert.ok(await doc.save(), 'saving the Dockerfile failed');

    await waitForNoDiagnostic(uri, 'IMG001');
    const remaining = (await settledDiagnostics(uri)).filter(
      (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
    );
    assert.deepStrictEqual(
      remaining.map((d) => `${codeValue(d)}: ${d.message}`),
      [],
      `the Gen3 template should be compliant; text:\n${doc.getText()}\n${describeDiagnostics(uri)}`,
    );
  });
});
