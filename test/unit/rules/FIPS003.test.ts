import { ruleTester } from '../helpers/ruleTester';

const I = 'import hashlib\nimport hmac\n';

ruleTester('FIPS003', {
  language: 'python',
  valid: [
    `${I}hmac.new(b"k", b"m", hashlib.sha256)\nhmac.digest(b"k", b"m", "sha256")\nhashlib.pbkdf2_hmac("sha256", b"p", b"s", 1)\n`,
    { name: 'a digest chosen at run time', code: `${I}hmac.new(b"k", b"m", digestmod=algo)\n` },
    { name: 'noqa: S324', code: `${I}hmac.new(b"k", b"m", hashlib.md5)  # noqa: S324\n` },
  ],
  invalid: [
    {
      name: 'hmac.new with hashlib.md5',
      code: `${I}mac = hmac.new(b"k", b"m", hashlib.md5)\n`,
      errors: [{ line: 3, column: 28, endColumn: 39, message: /^hmac\.new\(\) with MD5 raises ValueError .* takes no usedforsecurity flag/ }],
      fixes: ['unsafe: Use SHA-256 instead (changes the result)'],
      applicability: 'unsafe',
      output: `${I}mac = hmac.new(b"k", b"m", hashlib.sha256)\n`,
    },
    {
      name: 'digestmod="md5"',
      code: `${I}hmac.new(b"k", digestmod="MD5")\n`,
      errors: [{ line: 3, column: 26 }],
      applicability: 'unsafe',
      output: `${I}hmac.new(b"k", digestmod="sha256")\n`,
    },
    {
      name: 'hmac.digest',
      code: `${I}hmac.digest(b"k", b"m", "md5")\n`,
      errors: [{ line: 3, column: 25 }],
      applicability: 'unsafe',
      output: `${I}hmac.digest(b"k", b"m", "sha256")\n`,
    },
    {
      name: 'hmac.HMAC with an alias of md5',
      code: 'from hashlib import md5\nimport hashlib\nfrom hmac import HMAC\nHMAC(b"k", b"m", md5)\n',
      errors: [{ line: 4, column: 18, endColumn: 21 }],
      applicability: 'unsafe',
      output: 'from hashlib import md5\nimport hashlib\nfrom hmac import HMAC\nHMAC(b"k", b"m", hashlib.sha256)\n',
    },
    {
      name: 'pbkdf2_hmac',
      code: `${I}hashlib.pbkdf2_hmac("md5", b"p", b"s", 100_000)\n`,
      errors: [{ line: 3, column: 21 }],
      applicability: 'unsafe',
      output: `${I}hashlib.pbkdf2_hmac("sha256", b"p", b"s", 100_000)\n`,
    },
    {
      name: 'file_digest',
      code: `${I}with open("f", "rb") as f:\n    hashlib.file_digest(f, "md5")\n`,
      errors: [{ line: 4, column: 28 }],
      applicability: 'unsafe',
      output: `${I}with open("f", "rb") as f:\n    hashlib.file_digest(f, "sha256")\n`,
    },
  ],
});
