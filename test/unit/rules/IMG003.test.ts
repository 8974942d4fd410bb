import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
// gunicorn: evidence of a Python application, so the file is in the standard's scope whatever its tag.
const END = '\nUSER gen3\nCMD ["gunicorn", "app:app"]\n';

ruleTester('IMG003', {
  valid: [`FROM ${B}:3.13-pythonbase${END}`, `FROM ${B}:hardened${END}`],
  invalid: [
    {
      name: 'a feature-branch build: the stable tag replaces it',
      code: `FROM ${B}:feat_x-3.13-pythonbase${END}`,
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 58,
          severity: 'warning',
          message: "'feat_x-3.13-pythonbase' is an unreleased feature-branch build (branch 'feat_x') that may change or disappear.",
        },
      ],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'a branch name with dashes',
      code: `FROM ${B}:fix-feature-3.13-buildbase AS builder\nFROM ${B}:3.13-pythonbase${END}`,
      errors: [{ line: 1, column: 36 }],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-buildbase AS builder\nFROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'a feature-branch hardened image',
      code: `FROM ${B}:feat_y-hardened${END}`,
      errors: [{ line: 1, column: 36 }],
      applicability: 'unsafe',
      output: `FROM ${B}:hardened${END}`,
    },
  ],
});
