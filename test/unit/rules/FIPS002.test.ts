import { ruleTester } from '../helpers/ruleTester';

ruleTester('FIPS002', {
  language: 'python',
  valid: [
    'import hashlib\nhashlib.new("sha256")\nhashlib.new("sha3_256")\nhashlib.new("shake_128")\nhashlib.new("sha512_256")\n',
    { name: 'SHA-1 works in FIPS mode: not a finding here', code: 'import hashlib\nhashlib.sha1(b"x")\nhashlib.new("sha1")\n' },
    { name: 'md5 is FIPS001', code: 'import hashlib\nhashlib.new("md5")\n' },
  ],
  invalid: [
    {
      name: 'md4 needs the legacy provider',
      code: 'import hashlib\nhashlib.new("md4")\n',
      errors: [
        { line: 2, column: 13, endColumn: 18, message: "'md4' is not FIPS-approved and raises ValueError in FIPS mode even with usedforsecurity=False." },
      ],
    },
    {
      name: 'whirlpool',
      code: 'import hashlib\nhashlib.new("WHIRLPOOL", b"x")\n',
      errors: [{ line: 2, column: 13, message: /^'whirlpool' is not FIPS-approved and raises ValueError in FIPS mode even with usedforsecurity=False\.$/ }],
    },
    {
      name: 'ripemd160 is refused unless usedforsecurity=False',
      code: 'import hashlib\nhashlib.new(name="ripemd160")\n',
      errors: [
        {
          line: 2,
          column: 18,
          message: /^'ripemd160' is not FIPS-approved and raises ValueError in FIPS mode unless the call passes usedforsecurity=False\.$/,
        },
      ],
    },
    { name: 'md5-sha1', code: 'import hashlib as h\nh.new("md5-sha1")\n', errors: [{ line: 2, column: 7, message: /'md5-sha1'/ }] },
    {
      name: 'BLAKE2 works but is not approved',
      code: 'import hashlib\nhashlib.blake2b(b"x")\nhashlib.new("blake2s")\n',
      errors: [
        { line: 2, column: 1, endColumn: 16, message: /^'blake2b' is not FIPS-approved, though it still works in FIPS mode/ },
        { line: 3, column: 13 },
      ],
    },
  ],
});
