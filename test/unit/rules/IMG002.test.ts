import { ruleTester } from '../helpers/ruleTester';
import { lockOf, seen } from '../helpers/locks';

const B = 'quay.io/cdis/amazonlinux-base';
// gunicorn: evidence of a Python application, so the file is in the standard's scope whatever its tag.
const END = '\nUSER gen3\nCMD ["gunicorn", "app:app"]\n';

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
      errors: [{ line: 1, column: 36, endColumn: 50, message: "'3.13-pythonbse' is not a tag the standard lists for quay.io/cdis/amazonlinux-base." }],
      fixes: ["unsafe: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonuv'", "suggestion: Use tag '3.13-pythonnginx'"],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
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
      applicability: 'unsafe',
      output: `FROM ${B}:hardened${END}`,
    },
    {
      name: 'the tag comes from an ARG default: the default is fixed',
      code: `ARG TAG=3.13-pythonngx\nFROM ${B}:\${TAG}${END}`,
      errors: [{ line: 1, column: 9, endColumn: 23 }],
      applicability: 'unsafe',
      output: `ARG TAG=3.13-pythonnginx\nFROM ${B}:\${TAG}${END}`,
    },
    {
      name: 'through a mirror the tag is still checked',
      code: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:nope${END}`,
      errors: [{ line: 1, column: 73, endColumn: 77 }],
    },
  ],
});

// With a tag catalog lock the registry decides what exists.
const synced = lockOf({
  [B]: { '3.13-pythonbase': seen('a', { user: 'gen3' }), '3.13-pythonnginx': seen('b'), '3.13-pythonuv': seen('c'), 'feat_y-3.13-pythonbase': seen('d') },
  'defradigital/python': { '2.2.1-python3.14.3': seen('e'), '2.0.1-python3.13.9': seen('f'), latest: seen('e') },
});

ruleTester('IMG002', {
  lock: synced,
  valid: [
    `FROM ${B}:3.13-pythonbase${END}`,
    { name: 'a release the profile does not list but the registry publishes', profile: 'defra', code: 'FROM defradigital/python:2.2.1-python3.14.3\n' },
    { name: 'a published feature-branch tag', code: `FROM ${B}:feat_y-3.13-pythonbase${END}` },
    {
      name: 'a repository the lock does not cover is judged by the profile',
      profile: 'defra',
      code: 'FROM defradigital/python-development:2.1.0-python3.13.10\n',
    },
  ],
  invalid: [
    {
      name: 'not published: the profile allows the tag, the registry does not have it',
      code: `FROM ${B}:3.13-pythonpoetry${END}`,
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 53,
          message: "'3.13-pythonpoetry' is allowed by the standard, but quay.io/cdis/amazonlinux-base had no such tag at the sync of 2026-11-20.",
        },
      ],
      fixes: ["suggestion: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonnginx'", "suggestion: Use tag '3.13-pythonuv'"],
      applicability: 'suggestion',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'a release form the registry never published',
      profile: 'defra',
      code: 'FROM defradigital/python:2.1.0-python3.13.10\n',
      errors: [{ line: 1, column: 26, message: /^'2\.1\.0-python3\.13\.10' is allowed by the standard, but defradigital\/python had no such tag / }],
      fixes: ["suggestion: Use tag '2.0.1-python3.13.9'", "suggestion: Use tag '2.2.1-python3.14.3'"],
    },
    {
      name: 'an unpublished feature branch',
      code: `FROM ${B}:feat_x-3.13-pythonbase${END}`,
      errors: [
        { line: 1, column: 36, message: /^'feat_x-3\.13-pythonbase' is allowed by the standard, but quay\.io\/cdis\/amazonlinux-base had no such tag / },
      ],
    },
    {
      name: 'unknown to both: fixes come from published tags only',
      code: `FROM ${B}:3.13-pythonbse${END}`,
      errors: [
        {
          line: 1,
          column: 36,
          message: /^'3\.13-pythonbse' is not a tag of quay\.io\/cdis\/amazonlinux-base that the standard or the registry knows \(tag catalog of 2026-11-20\)/,
        },
      ],
      fixes: ["unsafe: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonuv'", "suggestion: Use tag '3.13-pythonnginx'"],
    },
  ],
});
