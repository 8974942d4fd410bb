import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, chosenFix, fixChecker, fixPasses, type FixMode, type Language } from '../../../server/src/engine';

/**
 * Inputs the property tests found, minimised by hand: each must fix with no dropped fix (a dropped fix
 * means a rule offered a fix that breaks the file or adds a finding) and end as shown.
 */
async function fixed(language: Language, text: string, mode: Exclude<FixMode, 'none'>, profile = 'gen3') {
  const options = { profile: builtinProfile(profile)! };
  return fixPasses(text, fixChecker(language, options), (f) => chosenFix(f, mode));
}

const BASE = 'quay.io/cdis/amazonlinux-base:3.13-pythonbase';

describe('property-test regressions', () => {
  it('FIPS001: --fix leaves a password hash alone instead of trading it for FIPS005', async () => {
    const text = 'from hashlib import md5\nmd5(\n    password.encode(),\n    usedforsecurity=True,  # note\n)\n';
    const r = await fixed('python', text, 'safe');
    assert.deepEqual(r.dropped, []);
    assert.equal(r.text, text);
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['FIPS001'],
    );
  });

  it('FIPS005: dropping the flag after a commented argument leaves no double comma', async () => {
    const text = 'from hashlib import new as hnew\nstore(signature=hnew("MD5",  # note 0\n     body,  # note 1\n     usedforsecurity=False,).update(b"y"))\n';
    const r = await fixed('python', text, 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.equal(r.text, 'from hashlib import new as hnew\nstore(signature=hnew("sha256",  # note 0\n     body,  # note 1\n     ).update(b"y"))\n');
  });

  it('FIPS004: the functools import goes after a docstring written as two adjacent literals and the __future__ import', async () => {
    // `"doc"""` is `"doc"` then `""`: still the docstring, so `from __future__` may follow it, and the import may not precede it.
    const text = '"doc"""\r\nfrom __future__ import annotations\r\nimport hashlib\r\nregister(hashlib.md5)\r\n';
    const r = await fixed('python', text, 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.equal(
      r.text,
      '"doc"""\r\nfrom __future__ import annotations\r\nimport functools\r\nimport hashlib\r\nregister(functools.partial(hashlib.md5, usedforsecurity=False))\r\n',
    );
  });

  it('FIPS004: the functools import goes after a shebang and a coding cookie, which must stay on the first two lines', async () => {
    const text = '#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nimport hashlib\nregister(hashlib.md5)\n';
    const r = await fixed('python', text, 'unsafe');
    assert.equal(
      r.text,
      '#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nimport functools\nimport hashlib\nregister(functools.partial(hashlib.md5, usedforsecurity=False))\n',
    );
  });

  it('FIPS004: no functools.partial fix when the reference shares the __future__ line (the import would come after it)', async () => {
    const text = 'from __future__ import annotations; import hashlib; register(hashlib.md5)';
    const r = await fixed('python', text, 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.equal(r.text, 'from __future__ import annotations; import hashlib; register(hashlib.sha256)');
  });

  it('FIPS005: removing the flag when it is the first argument leaves no comma behind', async () => {
    const text =
      'import hashlib\nstore(password_hash=hashlib.md5(usedforsecurity=False,).hexdigest())\nsignature = hashlib.md5(usedforsecurity = False, **kwargs).update(b"y")\ntoken = hashlib.md5(\n    usedforsecurity=False,  # why\n    **kwargs\n)\n';
    const r = await fixed('python', text, 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.equal(
      r.text,
      'import hashlib\nstore(password_hash=hashlib.sha256().hexdigest())\nsignature = hashlib.sha256(**kwargs).update(b"y")\ntoken = hashlib.sha256(\n    # why\n    **kwargs\n)\n',
    );
  });

  it('USR004: a USER moved past another USER is unsafe, so --fix does not change the final user', async () => {
    const text = `FROM ${BASE}\nCMD ["app"]\nUSER 1001\nUSER gen3\n`;
    const safe = await fixed('dockerfile', text, 'safe');
    assert.deepEqual(safe.dropped, []);
    assert.ok(!safe.passes.flat().some((s) => s.newText.includes('USER gen3')), 'USER gen3 was moved by --fix');
  });

  it('USR004: a USER moved past a COPY is unsafe (it would reveal USR005)', async () => {
    const r = await fixed('dockerfile', 'FROM python:3.9-slim\nCMD ["x"]\nCOPY . /app\nUSER 1000\n', 'safe', 'defra');
    assert.deepEqual(r.dropped, []);
  });

  it("USR002: 'USER root' before a COPY is switched after it, adding no USR005", async () => {
    const r = await fixed('dockerfile', 'FROM public.ecr.aws/amazonlinux/amazonlinux:2023\nUSER root\nCOPY . /app\n', 'safe');
    assert.deepEqual(r.dropped, []);
  });

  it('USR001: the inserted USER adds no USR005 for a COPY after the entry', async () => {
    const r = await fixed('dockerfile', 'FROM defradigital/python:$TAG\ncmd ["x"]\nCOPY . /app\n', 'unsafe');
    assert.deepEqual(r.dropped, []);
  });

  // Issue 7 item 4: the USER fixes follow the build, so none of these is dropped any more.
  it("USR002: 'USER root' after CMD is rewritten, and the CMD moves below it (no USR004)", async () => {
    const r = await fixed('dockerfile', 'FROM python:3.9-slim\nCMD python app.py\nUSER root\n', 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.ok(r.text.endsWith('\nUSER gen3\nCMD python app.py\n'), r.text);
  });

  it("USR002: 'USER root' after ENTRYPOINT with a RUN after it: the RUN keeps root, the user switches after it", async () => {
    const r = await fixed('dockerfile', 'FROM localhost:5000/team/app:1.0\nENTRYPOINT python app.py\nUSER root:root\nRUN echo hi\n', 'unsafe');
    assert.deepEqual(r.dropped, []);
    assert.ok(r.text.endsWith('\nUSER root:root\nRUN echo hi\nUSER gen3\nENTRYPOINT python app.py\n'), r.text);
  });

  it('USR006: a RUN after ENTRYPOINT runs as root, and the ENTRYPOINT moves below the switch back (no USR004)', async () => {
    const r = await fixed('dockerfile', `FROM ${BASE}\nENTRYPOINT echo hi\n# installs\nRUN dnf install -y libpq-devel\n`, 'safe');
    assert.deepEqual(r.dropped, []);
    assert.equal(r.text, `FROM ${BASE}\n# installs\nUSER root\nRUN dnf install -y libpq-devel\nUSER gen3\nENTRYPOINT echo hi\n`);
    const defra = await fixed(
      'dockerfile',
      'FROM defradigital/python:2.0.1-python3.13.9\nCMD python app.py\nRUN microdnf install -y shadow-utils',
      'safe',
      'defra',
    );
    assert.deepEqual(defra.dropped, []);
  });

  it('USR006: switching back after an install adds no USR005 for the COPY that follows', async () => {
    const r = await fixed('dockerfile', `FROM ${BASE}\nRUN dnf install -y git\nCOPY . /app\n`, 'safe');
    assert.deepEqual(r.dropped, []);
    assert.ok(r.text.startsWith(`FROM ${BASE}\nUSER root\nRUN dnf install -y git\nUSER gen3\nCOPY . /app\n`), r.text);
  });

  it('a CMD moved past a SHELL would start in another shell: the fix is unsafe, so --fix leaves it', async () => {
    const text = `FROM ${BASE}\nCMD python app.py\nSHELL ["/bin/bash", "-c"]\nRUN dnf install -y git\n`;
    const safe = await fixed('dockerfile', text, 'safe');
    assert.deepEqual(safe.dropped, []);
    assert.ok(!safe.passes.flat().some((s) => s.newText.includes('USER root')), 'the install was wrapped by --fix');
    const unsafe = await fixed('dockerfile', text, 'unsafe');
    assert.deepEqual(unsafe.dropped, []);
    assert.equal(unsafe.text, `FROM ${BASE}\nSHELL ["/bin/bash", "-c"]\nUSER root\nRUN dnf install -y git\nUSER gen3\nCMD python app.py\n`);
  });
});
