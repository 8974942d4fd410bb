import { ruleTester } from '../helpers/ruleTester';

const BASE = 'quay.io/cdis/amazonlinux-base:3.13-pythonbase';

ruleTester('USR004', {
  valid: [
    `FROM ${BASE}\nUSER gen3\nCMD ["app"]\n`,
    { name: 'a repeated USER after CMD once the switch happened', code: `FROM ${BASE}\nUSER gen3\nCMD ["app"]\nUSER gen3\n` },
    { name: 'no entry command', code: `FROM ${BASE}\nUSER gen3\n` },
  ],
  invalid: [
    {
      code: `FROM ${BASE}\nCMD ["app"]\nUSER gen3\n`,
      errors: [{ line: 3, column: 1, endColumn: 5, message: /'USER gen3' comes after the CMD on line 2/ }],
      applicability: 'safe',
      output: `FROM ${BASE}\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'last line without newline, CRLF',
      code: `FROM ${BASE}\r\nENTRYPOINT ["app"]\r\nUSER 1000`,
      errors: [{ line: 3, column: 1 }],
      applicability: 'safe',
      output: `FROM ${BASE}\r\nUSER 1000\r\nENTRYPOINT ["app"]`,
    },
    {
      name: 'USER root before CMD, required user after',
      code: `FROM ${BASE}\nUSER root\nCMD ["app"]\nUSER gen3\n`,
      errors: [{ line: 4, column: 1 }],
      applicability: 'safe',
      output: `FROM ${BASE}\nUSER root\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'another USER between: moving changes the final user, so unsafe (property tests)',
      code: `FROM ${BASE}\nCMD ["app"]\nUSER 1001\nUSER gen3\n`,
      errors: [{ line: 4, column: 1 }],
      fixes: ["unsafe: Move 'USER gen3' before the CMD"],
    },
    {
      name: 'a RUN between: moving makes it run as the user, so unsafe',
      code: `FROM ${BASE}\nCMD ["app"]\nRUN dnf install -y git\nUSER gen3\n`,
      errors: [{ line: 4, column: 1 }],
      applicability: 'unsafe',
      output: `FROM ${BASE}\nUSER gen3\nCMD ["app"]\nRUN dnf install -y git\n`,
    },
  ],
});
