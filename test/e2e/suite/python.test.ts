// Python features of the extension in a real extension host: FIPS001 and its quick fix.
import * as assert from 'assert';
import {
  activateExtension,
  applyCodeAction,
  closeAllEditors,
  openInEditor,
  preferredQuickFix,
  waitForDiagnostic,
  waitForNoDiagnostic,
  writeWorkspaceFile,
} from './helpers';

suite('Python', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    await activateExtension();
  });

  teardown(closeAllEditors);

  test('FIPS001 flags hashlib.md5 without usedforsecurity and the preferred quick fix adds it', async () => {
    const uri = await writeWorkspaceFile('fips/hash_example.py', 'import hashlib\nx = hashlib.md5(b"data").hexdigest()\n');
    const editor = await openInEditor(uri, 'python');
    const doc = editor.document;

    const diagnostic = await waitForDiagnostic(uri, 'FIPS001');
    assert.strictEqual(diagnostic.range.start.line, 1, 'FIPS001 is on the line of the call');
    assert.ok(doc.getText(diagnostic.range).includes('md5'), `FIPS001 covers the md5 call, got "${doc.getText(diagnostic.range)}"`);

    const fix = await preferredQuickFix(uri, diagnostic);
    await applyCodeAction(fix);

    assert.ok(doc.lineAt(1).text.includes('hashlib.md5(b"data", usedforsecurity=False)'), `after "${fix.title}" line 2 is "${doc.lineAt(1).text}"`);
    assert.strictEqual(doc.lineAt(0).text, 'import hashlib');
    await waitForNoDiagnostic(uri, 'FIPS001');
  });
});
