import { ruleTester } from '../helpers/ruleTester';

const BASE = 'quay.io/cdis/amazonlinux-base';

ruleTester('USR001', {
  valid: [
    `FROM ${BASE}:3.13-buildbase\nCOPY . /app\nUSER gen3\nWORKDIR /app\nCMD ["/bin/bash", "-c", "./your_app"]\n`,
    { name: 'USER in the stage the final stage is built from', code: `FROM ${BASE}:3.13-pythonbase AS base\nUSER gen3\nFROM base\nCMD ["app"]\n` },
    { name: 'a USER root is USR002, not USR001', code: `FROM ${BASE}:3.13-pythonbase\nUSER root\nCMD ["app"]\n` },
    { name: 'a user behind a variable is a switch', code: `FROM ${BASE}:3.13-pythonbase\nARG APP_USER\nUSER $APP_USER\nCMD ["app"]\n` },
    {
      name: 'defra does not require an explicit USER',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nCMD ["-m", "app"]\n',
    },
  ],
  invalid: [
    {
      name: 'no USER: reported on the CMD keyword, fixed just above it',
      code: `FROM ${BASE}:3.13-pythonbase\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n`,
      errors: [{ line: 3, column: 1, endColumn: 4, message: "The image never switches to the non-root user 'gen3'." }],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nCOPY . /app\nUSER gen3\nCMD ["gunicorn", "app:app"]\n`,
    },
    {
      name: 'USER in a builder stage does not count for the final stage',
      code: `FROM ${BASE}:3.13-buildbase AS builder\nUSER gen3\nFROM ${BASE}:3.13-pythonbase\nENTRYPOINT ["app"]\n`,
      errors: [{ line: 4, column: 1, endColumn: 11 }],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-buildbase AS builder\nUSER gen3\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\nENTRYPOINT ["app"]\n`,
    },
    {
      name: 'no entry command: reported on FROM, USER appended at the end without a final newline',
      code: `FROM ${BASE}:3.13-pythonbase\nRUN echo hi`,
      errors: [{ line: 1, column: 1, endColumn: 5 }],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nRUN echo hi\nUSER gen3`,
    },
    {
      name: 'CRLF and indentation are kept',
      code: `FROM ${BASE}:3.13-pythonbase\r\n  CMD ["app"]\r\n`,
      errors: [{ line: 2, column: 3 }],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\r\n  USER gen3\r\n  CMD ["app"]\r\n`,
    },
    {
      name: 'a base the profile does not show creating gen3: the fix is unsafe and its title says why',
      code: `FROM ${BASE}:latest\nCMD ["gunicorn", "app:app"]\n`,
      errors: [{ line: 2, column: 1, message: "The image never switches to the non-root user 'gen3'." }],
      fixes: ["unsafe: Insert 'USER gen3' before the CMD (make sure 'quay.io/cdis/amazonlinux-base:latest' creates that user)"],
    },
    {
      name: 'an image outside the catalog: unsafe',
      code: 'FROM ubuntu:22.04\nRUN pip install app\nCMD ["app"]\n',
      errors: [
        {
          line: 3,
          column: 1,
          message: "The image never switches to the non-root user 'gen3', and 'ubuntu:22.04', outside the profile, is taken to run as root.",
        },
      ],
      fixes: ["unsafe: Insert 'USER gen3' before the CMD (make sure 'ubuntu:22.04' creates that user)"],
    },
  ],
});
