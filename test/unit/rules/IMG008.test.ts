import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
const END = '\nUSER gen3\nCMD ["app"]\n';

ruleTester('IMG008', {
  valid: [`FROM ${B}:3.13-pythonnginx${END}`],
  invalid: [
    {
      name: 'latest-pythonbase is no longer published',
      code: `FROM ${B}:latest-pythonbase${END}`,
      errors: [{ line: 1, column: 36, endColumn: 53, severity: 'warning', message: /^'latest-pythonbase' is deprecated: listed as a stable tag by the standard, but no longer published since October 2025; use '3\.13-pythonbase'/ }],
      applicability: 'safe', output: `FROM ${B}:3.13-pythonbase${END}`,
    },
  ],
});
