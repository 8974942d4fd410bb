import { ruleTester } from '../helpers/ruleTester';

ruleTester('IMG009', {
  profile: 'defra',
  valid: ['FROM defradigital/python:2.0.1-python3.13.9 AS production\n'],
  invalid: [
    {
      name: 'latest-3.13 moves: the pinned release replaces it',
      code: 'FROM defradigital/python:latest-3.13 AS production\n',
      errors: [{ line: 1, column: 26, endColumn: 37, severity: 'info', message: /^'latest-3\.13' moves with every release, so two builds of this Dockerfile can differ; pin '2\.0\.1-python3\.13\.9'/ }],
      applicability: 'unsafe', output: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\n',
    },
    { name: 'latest', code: 'FROM defradigital/python:latest AS production\n', errors: [{ line: 1, column: 26 }] },
  ],
});
