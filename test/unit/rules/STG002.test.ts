import { ruleTester } from '../helpers/ruleTester';

ruleTester('STG002', {
  profile: 'defra',
  valid: [
    'FROM defradigital/python-development:2.0.1-python3.13.9 AS development\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
    {
      name: 'stage names compare case-insensitively',
      code: 'FROM defradigital/python-development:2.0.1-python3.13.9 AS Development\nFROM defradigital/python:2.0.1-python3.13.9 AS PRODUCTION\n',
    },
    { name: 'gen3 has no stage conventions', profile: 'gen3', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n' },
  ],
  invalid: [
    {
      code: '# service\nFROM defradigital/python:2.0.1-python3.13.9 AS production\n',
      errors: [{ line: 2, column: 1, endColumn: 5, severity: 'info', message: /^No 'development' stage/ }],
    },
    {
      name: 'single unnamed stage',
      code: 'FROM defradigital/python:2.0.1-python3.13.9\n',
      errors: [{ line: 1, column: 1, message: /^No 'development' or 'production' stage/ }],
    },
  ],
});
