import { ruleTester } from '../helpers/ruleTester';
import { lockOf, seen } from '../helpers/locks';

ruleTester('IMG009', {
  profile: 'defra',
  valid: ['FROM defradigital/python:2.0.1-python3.13.9 AS production\n'],
  invalid: [
    {
      name: 'latest-3.13 moves: the pinned release replaces it',
      code: 'FROM defradigital/python:latest-3.13 AS production\n',
      errors: [
        {
          line: 1,
          column: 26,
          endColumn: 37,
          severity: 'info',
          message: /^'latest-3\.13' moves with every release, so two builds of this Dockerfile can differ\.$/,
        },
      ],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.7.0-python3.13.14 AS production\n',
    },
    { name: 'latest', code: 'FROM defradigital/python:latest AS production\n', errors: [{ line: 1, column: 26 }] },
  ],
});

// With a lock, the pin is the newest release the registry publishes (the one the floating tag points at).
const releases = lockOf({
  'defradigital/python': {
    latest: seen('e'),
    'latest-3.13': seen('c'),
    'latest-3.14': seen('e'),
    '2.0.1-python3.13.9': seen('b'),
    '2.1.0-python3.13.11': seen('c', { python: '3.13.11' }),
    '2.2.1-python3.14.3': seen('e'),
    '2.10.0-python3.13.12': seen('f'),
  },
});

ruleTester('IMG009', {
  profile: 'defra',
  lock: releases,
  valid: ['FROM defradigital/python:2.2.1-python3.14.3 AS production\n'],
  invalid: [
    {
      name: "latest-3.13 points at 2.1.0: the release with its digest is pinned, not the profile's older one",
      code: 'FROM defradigital/python:latest-3.13 AS production\n',
      errors: [{ line: 1, column: 26, endColumn: 37, message: /can differ\.$/ }],
      fixes: ["unsafe: Pin tag '2.1.0-python3.13.11'"],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.1.0-python3.13.11 AS production\n',
    },
    {
      name: 'latest: a Python 3.14 release the profile does not know',
      code: 'FROM defradigital/python:latest AS production\n',
      errors: [{ line: 1, column: 26, message: /can differ\.$/ }],
      fixes: ["unsafe: Pin tag '2.2.1-python3.14.3'"],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.2.1-python3.14.3 AS production\n',
    },
    {
      name: 'a floating tag with no digest match: the newest release for its Python, by version (2.10 after 2.1)',
      code: 'FROM defradigital/python:latest-3.13 AS production\n',
      lock: lockOf({
        'defradigital/python': {
          'latest-3.13': seen('9'),
          '2.1.0-python3.13.11': seen('c'),
          '2.10.0-python3.13.12': seen('f'),
          '3.0.0-python3.14.1': seen('a'),
        },
      }),
      errors: [{ line: 1, column: 26, message: /can differ\.$/ }],
      fixes: ["unsafe: Pin tag '2.10.0-python3.13.12'"],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.10.0-python3.13.12 AS production\n',
    },
  ],
});
