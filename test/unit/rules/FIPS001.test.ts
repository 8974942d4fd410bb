import { ruleTester } from '../helpers/ruleTester';

const I = 'import hashlib\n';

ruleTester('FIPS001', {
  language: 'python',
  valid: [
    `${I}hashlib.md5(b"x", usedforsecurity=False)\n`,
    `${I}hashlib.new("md5", b"x", usedforsecurity=False)\n`,
    `${I}hashlib.sha256(b"x")\nhashlib.sha1(b"x")\n`,
    { name: 'strings and comments that mention the call', code: `${I}s = "hashlib.md5(b'x')"  # hashlib.md5(x)\n"""hashlib.md5(data)"""\n` },
    { name: 'a local function named md5 is not hashlib\'s', code: `from hashlib import md5\ndef md5(x):\n    return x\nmd5(b"x")\n` },
    { name: 'a parameter named hashlib shadows the module', code: `${I}def f(hashlib):\n    return hashlib.md5(b"x")\n` },
    { name: 'a parameter named md5 shadows the import', code: 'from hashlib import md5\ndef f(md5):\n    return md5(b"x")\nh = lambda md5: md5(b"x")\n' },
    { name: 'a loop variable rebinds the name', code: 'from hashlib import md5\nfor md5 in hooks:\n    md5(b"x")\n' },
    { name: 'hashlib never imported', code: 'md5(b"x")\nhashlib.md5(b"x")\n' },
    { name: 'the algorithm is not a constant', code: `${I}hashlib.new(algo, b"x")\n` },
    { name: 'not checked under a profile without FIPS mode', profile: 'defra', code: `${I}hashlib.md5(b"x")\n` },
    { name: 'noqa with our code', code: `${I}hashlib.md5(b"x")  # noqa: FIPS001\n` },
    { name: 'bare noqa', code: `${I}hashlib.md5(b"x")  # noqa\n` },
    { name: "ruff's S324", code: `${I}hashlib.md5(b"x")  # noqa: S324\n` },
    { name: "bandit's nosec", code: `${I}hashlib.md5(b"x")  # nosec\n` },
    { name: "bandit's nosec B324", code: `${I}hashlib.md5(b"x")  # nosec B324\n` },
  ],
  invalid: [
    {
      name: 'hashlib.md5(data): the flag is added after the argument',
      code: `${I}x = hashlib.md5(b"data").hexdigest()\n`,
      errors: [{ line: 2, column: 5, endColumn: 16, message: /^'hashlib\.md5' without usedforsecurity=False: MD5 raises ValueError/ }],
      fixes: ["safe: Add usedforsecurity=False (for checksums, cache keys and other non-security uses)", "unsafe: Use hashlib.sha256 instead (changes the digest: for security uses)"],
      applicability: 'safe', output: `${I}x = hashlib.md5(b"data", usedforsecurity=False).hexdigest()\n`,
    },
    { name: 'no arguments', code: `${I}h = hashlib.md5()\n`, errors: [{ line: 2, column: 5 }], applicability: 'safe', output: `${I}h = hashlib.md5(usedforsecurity=False)\n` },
    { name: 'usedforsecurity=True becomes False', code: `${I}hashlib.md5(b"x", usedforsecurity=True)\n`, errors: [{ line: 2, column: 19, endColumn: 39, message: /with usedforsecurity=True/ }], applicability: 'safe', output: `${I}hashlib.md5(b"x", usedforsecurity=False)\n` },
    {
      name: 'a variable cannot be proven False: reported, and no preferred fix',
      code: `${I}hashlib.md5(b"x", usedforsecurity=flag)\n`,
      errors: [{ line: 2, column: 19, message: /usedforsecurity=flag, which cannot be proven False/ }],
      fixes: ["unsafe: Set usedforsecurity=False", "unsafe: Use hashlib.sha256 instead (changes the digest: for security uses)"],
    },
    { name: '**kwargs may or may not carry the flag', code: `${I}hashlib.md5(b"x", **opts)\n`, errors: [{ line: 2, column: 1, message: /from \*\*kwargs/ }] },
    {
      name: 'one argument per line with a trailing comma',
      code: `${I}digest = hashlib.md5(\n    b"a",\n    b"b",\n)\n`,
      errors: [{ line: 2, column: 10 }],
      applicability: 'safe', output: `${I}digest = hashlib.md5(\n    b"a",\n    b"b",\n    usedforsecurity=False,\n)\n`,
    },
    {
      name: 'one argument per line without a trailing comma, comment kept on its line',
      code: `${I}digest = hashlib.md5(\n    b"a"  # payload\n)\n`,
      errors: [{ line: 2, column: 10 }],
      applicability: 'safe', output: `${I}digest = hashlib.md5(\n    b"a",  # payload\n    usedforsecurity=False\n)\n`,
    },
    { name: 'trailing comma on one line', code: `${I}hashlib.md5(b"x",)\n`, errors: [{ line: 2, column: 1 }], applicability: 'safe', output: `${I}hashlib.md5(b"x", usedforsecurity=False)\n` },
    { name: 'import hashlib as h', code: 'import hashlib as h\nh.md5(b"x")\n', errors: [{ line: 2, column: 1, endColumn: 6 }], applicability: 'safe', output: 'import hashlib as h\nh.md5(b"x", usedforsecurity=False)\n' },
    { name: 'from hashlib import md5 as m', code: 'from hashlib import md5 as m\nm(b"x")\n', errors: [{ line: 2, column: 1, endColumn: 2 }], applicability: 'safe', output: 'from hashlib import md5 as m\nm(b"x", usedforsecurity=False)\n' },
    {
      name: 'hashlib.new with MD5 in any case, positional or name=',
      code: `${I}hashlib.new("MD5", b"x")\nhashlib.new(name="Md5")\n`,
      errors: [
        { line: 2, column: 13, endColumn: 18, message: /^hashlib\.new\("MD5"\) without/ },
        { line: 3, column: 18, endColumn: 23 },
      ],
      applicability: 'safe', output: `${I}hashlib.new("MD5", b"x", usedforsecurity=False)\nhashlib.new(name="Md5", usedforsecurity=False)\n`,
    },
    { name: 'from hashlib import new', code: 'from hashlib import new\nnew("md5")\n', errors: [{ line: 2, column: 5 }], applicability: 'safe', output: 'from hashlib import new\nnew("md5", usedforsecurity=False)\n' },
    { name: 'import inside a function', code: 'def f(d):\n    import hashlib\n    return hashlib.md5(d)\n', errors: [{ line: 3, column: 12 }], applicability: 'safe', output: 'def f(d):\n    import hashlib\n    return hashlib.md5(d, usedforsecurity=False)\n' },
    { name: "a class attribute does not hide the module from its methods", code: `${I}class A:\n    hashlib = None\n    def f(self):\n        return hashlib.md5(b"x")\n`, errors: [{ line: 5, column: 16 }] },
    { name: 'try: import / except ImportError: fallback: the import counts', code: 'try:\n    import hashlib as hl\nexcept ImportError:\n    hl = None\nhl.md5(b"x")\n', errors: [{ line: 5, column: 1 }] },
    { name: 'a syntax error elsewhere does not stop the check', code: `${I}def broken(:\n    pass\nhashlib.md5(b"x")\n`, errors: [{ line: 4, column: 1 }] },
    { name: 'CRLF is kept', code: `${I.replace('\n', '\r\n')}digest = hashlib.md5(\r\n    b"a",\r\n)\r\n`, errors: [{ line: 2, column: 10 }], applicability: 'safe', output: `${I.replace('\n', '\r\n')}digest = hashlib.md5(\r\n    b"a",\r\n    usedforsecurity=False,\r\n)\r\n` },
    { name: 'a noqa for another code does not hide it', code: `${I}hashlib.md5(b"x")  # noqa: E501\n`, errors: [{ line: 2, column: 1 }] },
  ],
});
