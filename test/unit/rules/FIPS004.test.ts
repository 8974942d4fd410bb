import { ruleTester } from '../helpers/ruleTester';

const I = 'import hashlib\n';

ruleTester('FIPS004', {
  language: 'python',
  valid: [
    { name: 'the compliant partial', code: `import functools\n${I}factory = functools.partial(hashlib.md5, usedforsecurity=False)\n` },
    { name: 'calls are FIPS001', code: `${I}hashlib.md5(b"x")\n` },
    { name: 'digestmod is FIPS003', code: `${I}import hmac\nhmac.new(b"k", b"m", hashlib.md5)\n` },
    { name: 'an attribute of md5 is not a call of it', code: `${I}name = hashlib.md5.__name__\n` },
    { name: 'sha256 passed around', code: `${I}algos = [hashlib.sha256]\n` },
  ],
  invalid: [
    {
      name: 'kept in a list: wrap in functools.partial (importing functools) or use sha256',
      code: `${I}algos = [hashlib.md5, hashlib.sha256]\n`,
      errors: [
        {
          line: 2,
          column: 10,
          endColumn: 21,
          message: "'hashlib.md5' is passed as a value, so a later call without usedforsecurity=False raises ValueError in FIPS mode.",
        },
      ],
      fixes: [
        'unsafe: Wrap in functools.partial(..., usedforsecurity=False) (for non-security uses)',
        'unsafe: Use hashlib.sha256 instead (changes the digest: for security uses)',
      ],
      applicability: 'unsafe',
      output: `import functools\n${I}algos = [functools.partial(hashlib.md5, usedforsecurity=False), hashlib.sha256]\n`,
    },
    {
      name: 'the import goes after the docstring and __future__ imports',
      code: `"""Module."""\nfrom __future__ import annotations\n${I}def f(h=hashlib.md5):\n    return h\n`,
      errors: [{ line: 4, column: 9 }],
      applicability: 'unsafe',
      output: `"""Module."""\nfrom __future__ import annotations\nimport functools\n${I}def f(h=functools.partial(hashlib.md5, usedforsecurity=False)):\n    return h\n`,
    },
    {
      name: 'returned, with functools already imported as ft',
      code: `import functools as ft\nfrom hashlib import md5\ndef algo():\n    return md5\n`,
      errors: [{ line: 4, column: 12 }],
      applicability: 'unsafe',
      output: `import functools as ft\nfrom hashlib import md5\ndef algo():\n    return ft.partial(md5, usedforsecurity=False)\n`,
    },
    { name: 'columns count UTF-16 code units, as editors do', code: `${I}s = "é😀"; x = [hashlib.md5]\n`, errors: [{ line: 2, column: 17, endColumn: 28 }] },
    { name: 'passed as an argument', code: `${I}register("md5", hashlib.md5)\n`, errors: [{ line: 2, column: 17 }] },
    {
      name: 'a partial without the flag gets it (preferred, safe)',
      code: `import functools\n${I}factory = functools.partial(hashlib.md5)\n`,
      errors: [
        { line: 3, column: 29, message: "'hashlib.md5' is bound without usedforsecurity=False, so calling the partial raises ValueError in FIPS mode." },
      ],
      applicability: 'safe',
      output: `import functools\n${I}factory = functools.partial(hashlib.md5, usedforsecurity=False)\n`,
    },
  ],
});
