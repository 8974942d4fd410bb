import { ruleTester } from '../helpers/ruleTester';

const BASE = 'quay.io/cdis/amazonlinux-base:3.13-pythonbase';

ruleTester('USR003', {
  valid: [
    ...['gen3', 'gen3:gen3', '1000', '1000:1000', 'gen3:1000'].map((u) => ({ name: `USER ${u}`, code: `FROM ${BASE}\nUSER ${u}\nCMD ["app"]\n` })),
    { name: 'root is USR002', code: `FROM ${BASE}\nUSER root\n` },
    { name: 'unresolvable variable', code: `FROM ${BASE}\nUSER \${APP_USER}\n` },
    { name: 'defra nonroot', profile: 'defra', code: 'FROM defradigital/python:2.0.1-python3.13.9\nUSER nonroot\n' },
  ],
  invalid: [
    {
      code: `FROM ${BASE}\nUSER appuser\nCMD ["app"]\n`,
      errors: [{ line: 2, column: 6, endColumn: 13, severity: 'warning', message: /'appuser'.*'gen3' \(UID 1000, GID 1000\)/ }],
      applicability: 'unsafe',
      output: `FROM ${BASE}\nUSER gen3\nCMD ["app"]\n`,
    },
    { name: 'another UID', code: `FROM ${BASE}\nUSER 1001\n`, errors: [{ line: 2, column: 6, endColumn: 10 }] },
    { name: 'right user, wrong group', code: `FROM ${BASE}\nUSER gen3:wheel\n`, errors: [{ line: 2, column: 6, endColumn: 16 }] },
  ],
});
