import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
const END = '\nUSER gen3\nCMD ["app"]\n';

ruleTester('IMG007', {
  valid: [`FROM ${B}:3.13-pythonbase${END}`, { name: 'Defra supports 3.12', profile: 'defra', code: 'FROM defradigital/python:1.0.0-python3.12.10\n' }],
  invalid: [
    {
      name: 'a component built for Python 3.12: the 3.13 one replaces it',
      code: `FROM ${B}:3.12-pythonbase${END}`,
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 51,
          message: /^'3\.12-pythonbase' is built for Python 3\.12, which the standard no longer supports \(supported: 3\.13\)\.$/,
        },
      ],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'Defra: Python 3.11',
      profile: 'defra',
      code: 'FROM defradigital/python:1.0.0-python3.11.9 AS production\nCMD ["-m", "app"]\n',
      errors: [{ line: 1, column: 26, message: /Python 3\.11/ }],
    },
  ],
});
