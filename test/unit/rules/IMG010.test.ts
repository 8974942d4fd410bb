import { ruleTester } from '../helpers/ruleTester';
import { digest, lockOf, seen } from '../helpers/locks';

const P = 'defradigital/python';
const lock = lockOf(
  { [P]: { '2.0.1-python3.13.9': seen('b', { platforms: { 'linux/amd64': digest('c'), 'linux/arm64': digest('d') } }) } },
  { 'python:3.13-slim': seen('e', { user: '' }) },
);

ruleTester('IMG010', {
  profile: 'defra',
  lock,
  valid: [
    { name: "the digest is the tag's current one", code: `FROM ${P}:2.0.1-python3.13.9@${digest('b')}\n` },
    { name: 'a platform digest of the current index', code: `FROM ${P}:2.0.1-python3.13.9@${digest('d')}\n` },
    { name: 'no digest', code: `FROM ${P}:2.0.1-python3.13.9\n` },
    { name: 'digest without tag: nothing to compare', code: `FROM ${P}@${digest('a')}\n` },
    { name: 'a tag the lock does not have', code: `FROM ${P}:9.9.9-python3.13.9@${digest('a')}\n` },
    { name: 'a lock that does not cover the repository', code: `FROM ${P}:2.0.1-python3.13.9@${digest('a')}\n`, lock: lockOf({}) },
  ],
  invalid: [
    {
      name: 'the tag moved on: the current digest replaces the old one',
      code: `FROM ${P}:2.0.1-python3.13.9@${digest('a')} AS production\n`,
      errors: [
        {
          line: 1,
          column: 45,
          endColumn: 116,
          severity: 'warning',
          message: `This FROM pins an older image of '2.0.1-python3.13.9', which now points at ${digest('b').slice(0, 19)}… (tag catalog of 2026-11-20).`,
        },
      ],
      fixes: ["safe: Pin the current digest of '2.0.1-python3.13.9'"],
      applicability: 'safe',
      output: `FROM ${P}:2.0.1-python3.13.9@${digest('b')} AS production\n`,
    },
    {
      name: 'an image outside the catalog that the sync inspected',
      code: `FROM python:3.13-slim@${digest('f')}\n`,
      errors: [{ line: 1, column: 23 }],
      applicability: 'safe',
      output: `FROM python:3.13-slim@${digest('e')}\n`,
    },
    {
      name: 'the digest in an ARG default is fixed there',
      code: `ARG PIN=${digest('a')}\nFROM ${P}:2.0.1-python3.13.9@\${PIN}\n`,
      errors: [{ line: 1, column: 9, endColumn: 80 }],
      applicability: 'safe',
      output: `ARG PIN=${digest('b')}\nFROM ${P}:2.0.1-python3.13.9@\${PIN}\n`,
    },
  ],
});

ruleTester('IMG010', {
  profile: 'defra',
  valid: [{ name: 'without a lock nothing is known', code: `FROM ${P}:2.0.1-python3.13.9@${digest('a')}\n` }],
  invalid: [],
});
