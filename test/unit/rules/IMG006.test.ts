import { ruleTester } from '../helpers/ruleTester';

const END = '\nUSER gen3\nCMD ["gunicorn", "app:app"]\n';

ruleTester('IMG006', {
  valid: [
    `ARG TAG=3.13-pythonbase\nFROM quay.io/cdis/amazonlinux-base:\${TAG}${END}`,
    {
      name: 'a build argument gives the value',
      code: `ARG IMAGE\nFROM \${IMAGE}${END}`,
      buildArgs: { IMAGE: 'quay.io/cdis/amazonlinux-base:3.13-pythonbase' },
    },
    {
      name: 'a repository outside the profile is IMG001 whatever the tag',
      code: `ARG PYTHON_VERSION\nFROM quay.io/cdis/python-build-base:\${PYTHON_VERSION}${END}`,
    },
    { name: '${VAR:-default}', code: `ARG TAG\nFROM quay.io/cdis/amazonlinux-base:\${TAG:-3.13-pythonbase}${END}` },
  ],
  invalid: [
    {
      name: 'an ARG with no default: the variable is named',
      code: `ARG IMAGE\nFROM \${IMAGE}${END}`,
      errors: [
        {
          line: 2,
          column: 8,
          endColumn: 13,
          severity: 'warning',
          message: "The base image depends on 'IMAGE', which has no default or build argument, so it cannot be checked.",
        },
      ],
    },
    {
      name: 'a variable that may be part of the repository name',
      code: `FROM quay.io/cdis/python\${SUFFIX}:3.9${END}`,
      errors: [{ line: 1, column: 27, endColumn: 33, message: /'SUFFIX'/ }],
    },
    {
      name: 'the ECR mirror with a tag variable',
      code: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:\${TAG}${END}`,
      errors: [{ line: 1, column: 75, endColumn: 78 }],
    },
    {
      name: '$VAR form, never declared',
      code: `FROM quay.io/cdis/amazonlinux-base:$TAG${END}`,
      errors: [{ line: 1, column: 37, endColumn: 40, message: /'TAG'/ }],
    },
  ],
});
