import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { builtinProfile, lint, type Finding, type Language } from '../../../server/src/engine';
import { expandSnippet, snippetChoices } from '../helpers/snippets';

// Run from out/test/unit/editor: the repository root is four levels up.
const root = join(__dirname, '..', '..', '..', '..');

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function snippets(file: string): Array<[string, Snippet]> {
  return Object.entries(JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Errors and warnings: what the standard forbids. Information findings are advice. */
async function problems(text: string, language: Language, profile: string): Promise<string[]> {
  const { findings } = await lint(text, language, { profile: builtinProfile(profile)! });
  return findings.filter((f: Finding) => f.severity !== 'info').map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`);
}

function profileOf(prefix: string): string {
  return prefix.startsWith('cs-defra') ? 'defra' : 'gen3';
}

describe('snippets', () => {
  it('are contributed for dockerfile and python, and their prefixes are unique', () => {
    assert.deepEqual(manifest.contributes.snippets, [
      { language: 'dockerfile', path: './snippets/dockerfile.json' },
      { language: 'python', path: './snippets/python.json' },
    ]);
    const prefixes = [...snippets('dockerfile.json'), ...snippets('python.json')].map(([, s]) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
  });

  it('prefixes start with a word no file holds, so a plain word such as gen3 or md5 cannot sort above them', () => {
    const all = [...snippets('dockerfile.json'), ...snippets('python.json')];
    // Every word of every template: the files these snippets start hold them.
    const words = new Set(
      all.flatMap(([, s]) =>
        s.body
          .join('\n')
          .toLowerCase()
          .split(/[^a-z0-9_]+/),
      ),
    );
    for (const [name, s] of all) {
      assert.ok(s.prefix.startsWith('cs-'), `${name}: ${s.prefix}`);
      const lead = s.prefix.split('-')[0];
      assert.ok(!words.has(lead), `${name}: "${lead}" is a word in the templates`);
    }
    // The old prefixes fail this: their first word is in the templates themselves.
    assert.ok(words.has('gen3') && words.has('md5') && words.has('sha256'));
  });

  it("the cs-gen3-dockerfile snippet is the standard's mandatory template", () => {
    const gen3 = snippets('dockerfile.json').find(([, s]) => s.prefix === 'cs-gen3-dockerfile');
    assert.ok(gen3);
    const text = expandSnippet(gen3[1].body.join('\n'));
    const instructions = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(instructions, [
      'FROM quay.io/cdis/amazonlinux-base:3.13-buildbase',
      'COPY . /app',
      'USER gen3',
      'WORKDIR /app',
      'CMD ["/bin/bash", "-c", "./your_app"]',
    ]);
  });

  for (const [name, snippet] of snippets('dockerfile.json')) {
    it(`${snippet.prefix} expands to a Dockerfile with no errors or warnings, whichever option is chosen`, async () => {
      const body = snippet.body.join('\n');
      const profile = profileOf(snippet.prefix);
      assert.deepEqual(await problems(expandSnippet(body), 'dockerfile', profile), [], name);
      for (const [stop, options] of snippetChoices(body)) {
        for (const option of options.slice(1)) {
          const text = expandSnippet(body, (n, o) => (n === stop ? option : o[0]));
          assert.deepEqual(await problems(text, 'dockerfile', profile), [], `${name} with ${option}`);
        }
      }
    });
  }

  for (const [name, snippet] of snippets('python.json')) {
    it(`${snippet.prefix} expands to Python that passes the FIPS rules`, async () => {
      const text = `import hashlib\n\ndata = b"x"\nvalue = ${expandSnippet(snippet.body.join('\n'))}\n`;
      assert.deepEqual(await problems(text, 'python', 'gen3'), [], name);
      // The same line without the flag is what FIPS001 exists for: the check above can fail.
      if (text.includes(', usedforsecurity=False')) {
        assert.match((await problems(text.replace(', usedforsecurity=False', ''), 'python', 'gen3')).join('\n'), /FIPS001/);
      }
    });
  }
});

describe('expandSnippet', () => {
  it('takes defaults, nested placeholders, choices and escapes', () => {
    assert.equal(expandSnippet('a ${1:x ${2:y}} $3 ${4|p,q|} \\${HOME} \\} $0'), 'a x y  p ${HOME} } ');
    assert.equal(
      expandSnippet('${1|p,q|}', () => 'q'),
      'q',
    );
  });
});
