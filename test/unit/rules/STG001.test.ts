import { ruleTester } from '../helpers/ruleTester';

const DEV = 'defradigital/python-development';
const PROD = 'defradigital/python';

ruleTester('STG001', {
  profile: 'defra',
  valid: [
    `FROM ${DEV}:2.0.1-python3.13.9 AS development\nFROM ${PROD}:2.0.1-python3.13.9 AS production\n`,
    { name: 'development stage not last and not named production', code: `FROM ${DEV}:2.0.1-python3.13.9 AS development\nFROM ${PROD}:2.0.1-python3.13.9\n` },
    { name: 'profiles without stage conventions', profile: 'gen3', code: `FROM ${DEV}:2.0.1-python3.13.9 AS production\n` },
  ],
  invalid: [
    {
      name: 'the final stage on the development image',
      code: `ARG PARENT_VERSION=2.0.1-python3.13.9\nFROM ${PROD}:\${PARENT_VERSION} AS production\nFROM ${DEV}:\${PARENT_VERSION} AS development\n`,
      errors: [{ line: 3, column: 6, endColumn: 37, message: /The final stage 'development' \(the production image\) is built from the development image/ }],
      applicability: 'safe',
      output: `ARG PARENT_VERSION=2.0.1-python3.13.9\nFROM ${PROD}:\${PARENT_VERSION} AS production\nFROM ${PROD}:\${PARENT_VERSION} AS development\n`,
    },
    {
      name: 'stage named production, in any case',
      code: `FROM ${DEV}:2.0.1-python3.13.9 AS Production\nFROM ${PROD}:2.0.1-python3.13.9 AS final\n`,
      errors: [{ line: 1, column: 6, endColumn: 37, message: /stage 'Production'/ }],
      applicability: 'safe',
      output: `FROM ${PROD}:2.0.1-python3.13.9 AS Production\nFROM ${PROD}:2.0.1-python3.13.9 AS final\n`,
    },
    {
      name: 'production built from the development stage',
      code: `FROM ${DEV}:2.0.1-python3.13.9 AS development\nFROM development AS production\n`,
      errors: [{ line: 2, column: 6, endColumn: 17, message: /from stage 'development'/ }],
      applicability: 'unsafe',
      output: `FROM ${DEV}:2.0.1-python3.13.9 AS development\nFROM ${PROD}:2.0.1-python3.13.9 AS production\n`,
    },
  ],
});
