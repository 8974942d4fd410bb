import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
}

/** Every module a file imports by a relative path, resolved to a path under the repository. */
function relativeImports(path: string): string[] {
  const specs = [...code(path).matchAll(/(?:from|import|require)\s*\(?\s*'(\.{1,2}\/[^']*)'/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(path), s));
}

/** Files under `dir` that import something under one of `forbidden` (folders relative to the root). */
function reaching(dir: string, forbidden: string[], allowed: (target: string) => boolean = () => false): string[] {
  const inside = (target: string, folder: string) => target === join(root, folder) || target.startsWith(join(root, folder) + sep);
  return sources(join(root, dir)).flatMap((f) =>
    relativeImports(f)
      .filter((t) => forbidden.some((folder) => inside(t, folder)) && !allowed(t))
      .map((t) => `${relative(root, f)} -> ${relative(root, t)}`),
  );
}

describe('architecture', () => {
  it('the engine imports nothing above it: no editor features, language server, CLI or node-side module', () => {
    const outside = sources(join(root, 'server/src/engine')).flatMap((f) =>
      relativeImports(f)
        .filter((t) => !t.startsWith(join(root, 'server/src/engine') + sep))
        // The built-in profiles are data the engine ships with.
        .filter((t) => !(t.startsWith(join(root, 'profiles') + sep) && t.endsWith('.json')))
        .map((t) => `${relative(root, f)} -> ${relative(root, t)}`),
    );
    assert.deepEqual(outside, []);
  });

  it('completion and hover data live above the engine, which exposes only lint, fixes and profiles', () => {
    assert.equal(existsSync(join(root, 'server/src/engine/assist')), false);
    const index = code(join(root, 'server/src/engine/index.ts'));
    assert.doesNotMatch(index, /complete|hover|assist/i);
    assert.deepEqual(reaching('server/src/assist', ['server/src/lsp', 'server/src/cli', 'server/src/node']), []);
  });

  it('layers above the engine reach it through its public face only (server/src/engine/index.ts)', () => {
    const face = join(root, 'server/src/engine');
    const isFace = (t: string) => t === face || t === join(face, 'index');
    assert.deepEqual(
      ['server/src/assist', 'server/src/lsp', 'server/src/cli', 'server/src/node', 'server/src/catalog'].flatMap((d) =>
        reaching(d, ['server/src/engine'], isFace),
      ),
      [],
    );
  });

  it('the language server imports nothing from the CLI', () => {
    assert.deepEqual(reaching('server/src/lsp', ['server/src/cli']), []);
  });

  it('the engine imports nothing from the editor or the language server protocol', () => {
    const leaks = sources(join(root, 'server/src/engine')).filter((f) => /from '(vscode|vscode-languageserver[^']*|vscode-languageclient[^']*)'/.test(code(f)));
    assert.deepEqual(
      leaks.map((f) => relative(root, f)),
      [],
    );
  });

  it('rules and the engine name no organisation: the profiles do', () => {
    const named = sources(join(root, 'server/src/engine'))
      .filter((f) => !f.endsWith(join('profile', 'load.ts'))) // loads the built-in profile files
      .filter((f) => /quay\.io|cdis|defradigital|gen3|nonroot|amazonlinux/i.test(code(f)));
    assert.deepEqual(
      named.map((f) => relative(root, f)),
      [],
    );
  });

  it('the language server and the shared node modules import nothing from the CLI (one config module, worded by each face)', () => {
    const reaching = [...sources(join(root, 'server/src/lsp')), ...sources(join(root, 'server/src/node'))].filter((f) => /from '\.\.\/cli\//.test(code(f)));
    assert.deepEqual(
      reaching.map((f) => relative(root, f)),
      [],
    );
  });

  it('the engine reads no files: the node-side modules do', () => {
    const leaks = sources(join(root, 'server/src/engine'))
      .filter((f) => !f.endsWith(join('python', 'parser.ts'))) // loads the Python grammar's WebAssembly that ships with the tool
      .filter((f) => /from 'node:(fs|fs\/promises|child_process|net|http|https)'/.test(code(f)));
    assert.deepEqual(
      leaks.map((f) => relative(root, f)),
      [],
    );
  });

  it('the VS Code client holds no checking logic: it never imports the engine', () => {
    const reaching = sources(join(root, 'client/src')).filter((f) => /from '[./]*server\/src\/engine/.test(code(f)));
    assert.deepEqual(
      reaching.map((f) => relative(root, f)),
      [],
    );
  });
});
