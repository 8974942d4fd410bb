import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover, SignatureHelp } from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from '../helpers/lspClient';

const uri = (name: string) => pathToFileURL(join(ROOT, 'test', 'fixtures', 'lsp', 'hover', name)).href;
const WEB = 'https://github.com/container-standards/container-standards/blob/main/docs/rules/';

async function hoverAt(client: TestClient, u: string, line: number, character: number): Promise<string> {
  const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line, character } });
  return hover ? (hover.contents as { value: string }).value : '';
}

describe('language server: hovers and signature help', () => {
  const client = new TestClient();
  // As the VS Code extension starts it: it opens containerStandards.showRuleDocs with the bundled page.
  const vscodeLike = new TestClient();

  before(async () => {
    await client.initialize();
    await vscodeLike.initialize(ROOT, { ruleDocs: 'bundled' });
  });
  after(() => Promise.all([client.stop(), vscodeLike.stop()]));

  it('over a wrong FROM: a link to the rule page, not the message again', async () => {
    const u = uri('wrong/Dockerfile');
    const text = 'FROM python:3.13-slim\nUSER gen3\nCMD ["python"]\n';
    client.open(u, 'dockerfile', text);
    const [img001] = (await client.diagnostics(u)).diagnostics;
    assert.equal(img001.code, 'IMG001');
    const value = await hoverAt(client, u, 0, 7);
    assert.equal(value, `IMG001 unapproved-base-image: [Show documentation](${WEB}IMG001.md)`);
    assert.ok(!value.includes('not an approved'), value);

    vscodeLike.open(u, 'dockerfile', text);
    await vscodeLike.diagnostics(u);
    const link = `command:containerStandards.showRuleDocs?${encodeURIComponent(JSON.stringify(['IMG001']))}`;
    assert.equal(await hoverAt(vscodeLike, u, 0, 7), `IMG001 unapproved-base-image: [Show documentation](${link})`);
  });

  it('over a deprecated tag or a mirror: the image, without what the finding says', async () => {
    const deprecated = uri('deprecated/Dockerfile');
    client.open(deprecated, 'dockerfile', 'FROM quay.io/cdis/amazonlinux-base:latest-pythonbase\nUSER gen3\nCMD ["x"]\n');
    const [img008] = (await client.diagnostics(deprecated)).diagnostics;
    assert.equal(img008.code, 'IMG008');
    const value = await hoverAt(client, deprecated, 0, 40);
    assert.match(value, /\*\*quay\.io\/cdis\/amazonlinux-base:latest-pythonbase\*\* — deprecated/);
    assert.match(value, /Runs as `gen3`/);
    assert.ok(!value.includes('no longer published') && !value.includes('instead'), value);
    assert.ok(value.endsWith(`IMG008 deprecated-tag: [Show documentation](${WEB}IMG008.md)`), value);

    const mirror = uri('mirror/Dockerfile');
    client.open(mirror, 'dockerfile', 'FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-pythonbase\nUSER gen3\nCMD ["x"]\n');
    assert.deepEqual(
      (await client.diagnostics(mirror)).diagnostics.map((d) => d.code),
      ['IMG005'],
    );
    const mirrorHover = await hoverAt(client, mirror, 0, 30);
    assert.ok(!mirrorHover.includes('Mirror of'), mirrorHover);
    assert.match(mirrorHover, /`3\.13-buildbase` → `3\.13-pythonbase`/);
  });

  it('over a Python finding: the link; elsewhere in a Python file: nothing', async () => {
    const u = uri('app.py');
    client.open(u, 'python', 'import hashlib\nx = hashlib.md5(b"x")\n');
    const [fips] = (await client.diagnostics(u)).diagnostics;
    assert.equal(fips.code, 'FIPS001');
    assert.equal(
      await hoverAt(client, u, fips.range.start.line, fips.range.start.character + 1),
      `FIPS001 ${'md5-without-usedforsecurity'}: [Show documentation](${WEB}FIPS001.md)`,
    );
    assert.equal(await hoverAt(client, u, 0, 3), '');
  });

  it('signature help stays closed where image and tag completions open, and works elsewhere', async () => {
    const u = uri('signature/Dockerfile');
    client.open(u, 'dockerfile', 'FROM \nFROM quay.io/cdis/amazonlinux-base:\nRUN --mount=type=cache \n');
    await client.diagnostics(u);
    const at = (line: number, character: number) => ({ textDocument: { uri: u }, position: { line, character } });
    for (const [line, character] of [
      [0, 5],
      [1, 35],
    ]) {
      const items: CompletionItem[] = await client.connection.sendRequest('textDocument/completion', at(line, character));
      assert.ok(items?.length, `image completions at ${line}:${character}`);
      const help: SignatureHelp | null = await client.connection.sendRequest('textDocument/signatureHelp', at(line, character));
      assert.equal(help, null, `no signature help at ${line}:${character}: ${JSON.stringify(help)}`);
    }
    const run: SignatureHelp | null = await client.connection.sendRequest('textDocument/signatureHelp', at(2, 12));
    assert.ok(run?.signatures.length, 'RUN --mount still has its signature help');
  });
});
