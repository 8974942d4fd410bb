import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, type Finding } from '../../../server/src/engine';
import { lintWith } from '../../../server/src/engine/lint';
import { rangeOf } from '../../../server/src/engine/python/edits';
import { definePythonRule, type PythonRule } from '../../../server/src/engine/python/rule';
import { pythonSupportFor } from '../../../server/src/engine/python/support';
import { PYTHON_RULES } from '../../../server/src/engine/rules';

/**
 * Python rules subscribe to syntax: each names the node kinds it wants and a precondition, and the
 * engine hands it those nodes. These toy rules have nothing to do with hashing: they prove that such a
 * rule fires on files that never mention hashlib or hmac, under any profile, beside the FIPS rules.
 */
const gen3 = builtinProfile('gen3')!;
const defra = builtinProfile('defra')!;

function toyRule(code: string, spec: Omit<Parameters<typeof definePythonRule>[0], 'meta'>): PythonRule {
  return definePythonRule({
    meta: { code, name: `toy-${code.toLowerCase()}`, language: 'python', severity: 'warning', summary: 'A toy rule for the dispatch tests.' },
    ...spec,
  });
}

/** `eval(...)`: no precondition, every call. */
const noEval = toyRule('TOY001', {
  visit: {
    call(call, { source, symbols }, report) {
      const callee = call.childForFieldName('function')!;
      if (callee.type === 'identifier' && callee.text === 'eval' && !symbols.qualifiedName(callee))
        report({ range: rangeOf(source, callee), message: 'eval() runs arbitrary code.' });
    },
  },
});

/** `subprocess.run(..., shell=True)`: only where subprocess is imported, only uses of its names. */
const seen: string[] = [];
const noShell = toyRule('TOY002', {
  imports: ['subprocess'],
  viaImport: true,
  visit: {
    call(call, { source, symbols }, report) {
      seen.push(call.text);
      const name = symbols.qualifiedName(call.childForFieldName('function')!);
      const shell = call
        .childForFieldName('arguments')
        ?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.text.replace(/\s/g, '') === 'shell=True');
      if (name?.startsWith('subprocess.') && shell) report({ range: rangeOf(source, call), message: `${name} with shell=True.` });
    },
  },
});

/** Assignments to a name `password`: a second kind of node, no precondition. */
const assignments: string[] = [];
const noPasswordLiteral = toyRule('TOY003', {
  visit: {
    assignment(node, { source }, report) {
      assignments.push(node.text);
      const left = node.childForFieldName('left');
      if (left?.text === 'password' && node.childForFieldName('right')?.type === 'string')
        report({ range: rangeOf(source, node), message: 'A password in the source.' });
    },
  },
});

const support = pythonSupportFor([noEval, noShell, noPasswordLiteral, ...PYTHON_RULES]);
const at = (f: Finding) => `${f.code} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;

describe('Python rules subscribe to syntax', () => {
  it('a rule about something other than hashing fires where hashlib and hmac are never mentioned', async () => {
    const { findings } = await lintWith(support, 'x = eval(input())\n', { profile: gen3 });
    assert.deepEqual(findings.map(at), ['TOY001 1:5-1:9']);
  });

  it('it fires under a profile without FIPS mode too, where the FIPS rules do not apply', async () => {
    const text = 'import hashlib\nx = eval(s)\nh = hashlib.md5(b"x")\n';
    assert.deepEqual((await lintWith(support, text, { profile: defra })).findings.map(at), ['TOY001 2:5-2:9']);
    assert.deepEqual((await lintWith(support, text, { profile: gen3 })).findings.map(at), ['TOY001 2:5-2:9', 'FIPS001 3:5-3:16']);
  });

  it('the FIPS rules find the same as without the toy rules', async () => {
    const text = 'import hashlib, hmac\nd = hashlib.md5(b"x")\nm = hmac.new(k, b"m", "md5")\nhashlib.new("md4")\nalgos = [hashlib.md5]\n';
    const builtin = pythonSupportFor(PYTHON_RULES);
    const expected = (await lintWith(builtin, text, { profile: gen3 })).findings.map(at);
    assert.deepEqual(expected, ['FIPS001 2:5-2:16', 'FIPS003 3:23-3:28', 'FIPS002 4:13-4:18', 'FIPS004 5:10-5:21']);
    assert.deepEqual((await lintWith(support, text, { profile: gen3 })).findings.map(at), expected);
  });

  it('a precondition on imports: the rule sees nothing unless the file imports the module', async () => {
    seen.length = 0;
    const without = await lintWith(support, 'run("ls", shell=True)\nsubprocess.run("ls", shell=True)\n', { profile: gen3 });
    assert.deepEqual(without.findings.map(at), []);
    assert.deepEqual(seen, [], 'no node reached a rule whose precondition failed');
  });

  it('viaImport: only uses of names the module binds reach the rule, aliases and from-imports included, in document order', async () => {
    seen.length = 0;
    const text =
      'import subprocess as sp\nfrom subprocess import run\nprint("x")\nrun("ls", shell=True)\nsp.call("ls", shell=True)\nos.system("ls")\ndef f(run):\n    run("x", shell=True)\n';
    const { findings } = await lintWith(support, text, { profile: gen3 });
    assert.deepEqual(findings.map(at), ['TOY002 4:1-4:22', 'TOY002 5:1-5:26']);
    assert.deepEqual(
      seen,
      ['run("ls", shell=True)', 'sp.call("ls", shell=True)', 'run("x", shell=True)'],
      'print() and os.system() never reach it; the shadowed run() does, and the symbol model says it is local',
    );
  });

  it('each rule gets only the kinds it asked for', async () => {
    assignments.length = 0;
    const { findings } = await lintWith(support, 'password = "hunter2"\nuser = f(password)\nf(x)\n', { profile: gen3 });
    assert.deepEqual(findings.map(at), ['TOY003 1:1-1:21']);
    assert.deepEqual(assignments, ['password = "hunter2"', 'user = f(password)']);
  });

  it('suppression comments and the rule settings work for subscribed rules as for any other', async () => {
    const text = 'x = eval(s)  # noqa: TOY001\ny = eval(t)\n';
    assert.deepEqual((await lintWith(support, text, { profile: gen3 })).findings.map(at), ['TOY001 2:5-2:9']);
    assert.deepEqual((await lintWith(support, text, { profile: gen3, rules: { TOY001: 'off' } })).findings.map(at), []);
  });
});
