import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
const END = '\nUSER gen3\nCMD ["app"]\n';

ruleTester('IMG002', {
  valid: [
    `FROM ${B}:3.13-pythonbase${END}`,
    { name: 'a feature-branch tag matches a pattern (IMG003)', code: `FROM ${B}:feat_x-3.13-pythonbase${END}` },
    { name: 'digest only', code: `FROM ${B}@sha256:${'a'.repeat(64)}${END}` },
    { name: 'unapproved images are IMG001', code: `FROM python:3.13-nope${END}` },
    { name: 'Defra release tags follow the <version>-python<X.Y.Z> scheme', profile: 'defra', code: 'FROM defradigital/python:2.1.0-python3.13.10\n' },
  ],
  invalid: [
    {
      name: 'a typo: the nearest published tags are offered, nearest first',
      code: `FROM ${B}:3.13-pythonbse${END}`,
      errors: [{ line: 1, column: 36, endColumn: 50, message: /^'3\.13-pythonbse' is not a tag of quay\.io\/cdis\/amazonlinux-base that the standard publishes; use '3\.13-pythonbase'/ }],
      fixes: ["unsafe: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonuv'", "suggestion: Use tag '3.13-pythonnginx'"],
      applicability: 'unsafe', output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'a guess that changes the Python version is only a suggestion, never applied in bulk',
      code: `FROM ${B}:3.12-pythonbas${END}`,
      errors: [{ line: 1, column: 36, endColumn: 50 }],
      fixes: ["suggestion: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonuv'", "suggestion: Use tag '3.13-pythonnginx'"],
    },
    {
      name: 'a typo of a tag without a Python version',
      code: `FROM ${B}:hardend${END}`,
      errors: [{ line: 1, column: 36, endColumn: 43 }],
      applicability: 'unsafe', output: `FROM ${B}:hardened${END}`,
    },
    {
      name: 'the tag comes from an ARG default: the default is fixed',
      code: `ARG TAG=3.13-pythonngx\nFROM ${B}:\${TAG}${END}`,
      errors: [{ line: 1, column: 9, endColumn: 23 }],
      applicability: 'unsafe', output: `ARG TAG=3.13-pythonnginx\nFROM ${B}:\${TAG}${END}`,
    },
    {
      name: 'through a mirror the tag is still checked',
      code: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:nope${END}`,
      errors: [{ line: 1, column: 73, endColumn: 77 }],
    },
  ],
});
