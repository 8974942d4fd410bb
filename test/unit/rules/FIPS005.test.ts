import { ruleTester } from '../helpers/ruleTester';

const I = 'import hashlib\n';
const MD5 = 'hashlib.md5(data, usedforsecurity=False)';

ruleTester('FIPS005', {
  language: 'python',
  valid: [
    `${I}cache_key = ${MD5}.hexdigest()\n`,
    { name: 'etag', code: `${I}etag = ${MD5}.hexdigest()\n` },
    { name: 'a token hashed into a cache key is a lookup', code: `${I}cache_key = hashlib.md5(token, usedforsecurity=False).hexdigest()\n` },
    { name: "'mac' can be a MAC address", code: `${I}mac_address_hash = ${MD5}.hexdigest()\n` },
    { name: 'a key on its own is a lookup key', code: `${I}key = ${MD5}.hexdigest()\n` },
    { name: 'a checksum returned by a function', code: `${I}def file_checksum(data):\n    return ${MD5}.hexdigest()\n` },
    { name: 'no flag is FIPS001, not this rule', code: `${I}password_hash = hashlib.md5(data).hexdigest()\n` },
  ],
  invalid: [
    {
      name: 'stored in a password variable',
      code: `${I}password_hash = ${MD5}.hexdigest()\n`,
      errors: [
        { line: 2, column: 17, endColumn: 28, message: "MD5 is stored in 'password_hash', a security use that usedforsecurity=False does not make safe." },
      ],
      fixes: ['unsafe: Use hashlib.sha256 instead (changes the digest)'],
      applicability: 'unsafe',
      output: `${I}password_hash = hashlib.sha256(data).hexdigest()\n`,
    },
    { name: 'an attribute named for a token', code: `${I}user.resetToken = ${MD5}.hexdigest()\n`, errors: [{ line: 2, column: 19, message: /'resetToken'/ }] },
    {
      name: 'returned by a signing function',
      code: `${I}def sign_request(data):\n    return ${MD5}.digest()\n`,
      errors: [{ line: 3, column: 12, message: /returned by 'sign_request'/ }],
    },
    { name: 'passed as api_key=', code: `${I}Client(api_key=${MD5}.hexdigest())\n`, errors: [{ line: 2, column: 16, message: /passed as 'api_key'/ }] },
    { name: 'a dict entry named secret', code: `${I}d = {"secret": ${MD5}.hexdigest()}\n`, errors: [{ line: 2, column: 16 }] },
    {
      name: 'a password given straight to it',
      code: `${I}h = hashlib.md5(password.encode(), usedforsecurity=False)\n`,
      errors: [{ line: 2, column: 5, message: /hashes 'password'/ }],
      applicability: 'unsafe',
      output: `${I}h = hashlib.sha256(password.encode())\n`,
    },
  ],
});
