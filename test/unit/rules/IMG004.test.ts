import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
// gunicorn: evidence of a Python application, so the file is in the standard's scope whatever its tag.
const END = '\nUSER gen3\nCMD ["gunicorn", "app:app"]\n';

ruleTester('IMG004', {
  valid: [
    `FROM ${B}:3.13-pythonbase${END}`,
    { name: 'pinned by digest', code: `FROM ${B}@sha256:${'b'.repeat(64)}${END}` },
    { name: 'unapproved: IMG001', code: `FROM python${END}` },
  ],
  invalid: [
    {
      name: 'no tag: the recommended tag is added',
      code: `FROM ${B}${END}`,
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 35,
          message: "'quay.io/cdis/amazonlinux-base' has no tag, so Docker pulls 'latest'.",
        },
      ],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'a builder stage gets the build base',
      code: `FROM ${B} AS builder\nFROM ${B}:3.13-pythonbase${END}`,
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-buildbase AS builder\nFROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'the image comes from an ARG default',
      code: `ARG BASE=${B}\nFROM \${BASE}${END}`,
      errors: [{ line: 1, column: 10 }],
      applicability: 'unsafe',
      output: `ARG BASE=${B}:3.13-pythonbase\nFROM \${BASE}${END}`,
    },
    {
      name: 'an empty tag after the colon',
      code: `FROM ${B}:${END}`,
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 36,
          severity: 'error',
          message: "'quay.io/cdis/amazonlinux-base:' has an empty tag after ':', which Docker refuses as an invalid reference.",
        },
      ],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'an empty tag on the ECR mirror',
      code: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base: AS builder${END}`,
      errors: [{ line: 1, column: 6, endColumn: 73, message: /empty tag/ }],
      applicability: 'unsafe',
      output: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:3.13-buildbase AS builder${END}`,
    },
    {
      name: 'Defra',
      profile: 'defra',
      code: 'FROM defradigital/python AS production\nCMD ["-m", "app"]\n',
      errors: [{ line: 1, column: 6 }],
      applicability: 'unsafe',
      output: 'FROM defradigital/python:2.7.0-python3.14.6 AS production\nCMD ["-m", "app"]\n',
    },
  ],
});
