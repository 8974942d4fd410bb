import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

// Run from out/test/unit: the repository root is three levels up.
const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Code without its comments, so a comment may give an example image. */
function code(path: string): string {
  return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

describe('architecture', () => {
  it('the engine imports nothing from the editor or the language server protocol', () => {
    const leaks = sources(join(root, 'server/src/engine')).filter((f) => /from '(vscode|vscode-languageserver[^']*|vscode-languageclient[^']*)'/.test(code(f)));
    assert.deepEqual(leaks.map((f) => relative(root, f)), []);
  });

  it('rules and the engine name no organisation: the profiles do', () => {
    const named = sources(join(root, 'server/src/engine'))
      .filter((f) => !f.endsWith(join('profile', 'load.ts'))) // loads the built-in profile files
      .filter((f) => /quay\.io|cdis|defradigital|gen3|nonroot|amazonlinux/i.test(code(f)));
    assert.deepEqual(named.map((f) => relative(root, f)), []);
  });

  it('the language server and the shared node modules import nothing from the CLI (one config module, worded by each face)', () => {
    const reaching = [...sources(join(root, 'server/src/lsp')), ...sources(join(root, 'server/src/node'))].filter((f) => /from '\.\.\/cli\//.test(code(f)));
    assert.deepEqual(reaching.map((f) => relative(root, f)), []);
  });

  it('the engine reads no files: the node-side modules do', () => {
    const leaks = sources(join(root, 'server/src/engine'))
      .filter((f) => !f.endsWith(join('python', 'parser.ts'))) // loads the Python grammar's WebAssembly that ships with the tool
      .filter((f) => /from 'node:(fs|fs\/promises|child_process|net|http|https)'/.test(code(f)));
    assert.deepEqual(leaks.map((f) => relative(root, f)), []);
  });

  it('the VS Code client holds no checking logic: it never imports the engine', () => {
    const reaching = sources(join(root, 'client/src')).filter((f) => /from '[./]*server\/src\/engine/.test(code(f)));
    assert.deepEqual(reaching.map((f) => relative(root, f)), []);
  });
});
