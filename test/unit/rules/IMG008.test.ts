import { ruleTester } from '../helpers/ruleTester';
import { lockOf, seen } from '../helpers/locks';

const B = 'quay.io/cdis/amazonlinux-base';
const END = '\nUSER gen3\nCMD ["app"]\n';

ruleTester('IMG008', {
  valid: [`FROM ${B}:3.13-pythonnginx${END}`],
  invalid: [
    {
      name: 'latest-pythonbase is no longer published',
      code: `FROM ${B}:latest-pythonbase${END}`,
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 53,
          severity: 'warning',
          message: /^'latest-pythonbase' is deprecated: listed as a stable tag by the standard, but no longer published since October 2025\.$/,
        },
      ],
      applicability: 'safe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
  ],
});

// Tags the registry stopped publishing since a sync first saw them.
const gone = lockOf({
  'quay.io/cdis/amazonlinux-base': {
    '3.13-pythonbase': seen('a'),
    '3.13-pythonnginx': seen('b'),
    'latest-pythonbase': seen('c', { firstSeen: '2025-06-01', lastSeen: '2025-10-06', removed: '2025-10-13' }),
    '3.12-pythonbase': seen('d', { firstSeen: '2025-01-02', lastSeen: '2026-03-01', removed: '2026-03-08' }),
  },
});

ruleTester('IMG008', {
  lock: gone,
  valid: [{ name: 'a published tag', code: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n' }],
  invalid: [
    {
      name: 'gone and deprecated: the profile names its replacement',
      code: 'FROM quay.io/cdis/amazonlinux-base:latest-pythonbase\nUSER gen3\n',
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 53,
          message: "'latest-pythonbase' is no longer published in quay.io/cdis/amazonlinux-base (first seen 2025-06-01, last seen 2025-10-06).",
        },
      ],
      applicability: 'safe',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    },
    {
      name: 'gone, no replacement in the profile: the nearest published tags are offered',
      code: 'FROM quay.io/cdis/amazonlinux-base:3.12-pythonbase\nUSER gen3\n',
      errors: [
        {
          line: 1,
          column: 36,
          endColumn: 51,
          message: "'3.12-pythonbase' is no longer published in quay.io/cdis/amazonlinux-base (first seen 2025-01-02, last seen 2026-03-01).",
        },
      ],
      fixes: ["suggestion: Use tag '3.13-pythonbase'", "suggestion: Use tag '3.13-pythonnginx'"],
      applicability: 'suggestion',
      output: 'FROM quay.io/cdis/amazonlinux-base:3.13-pythonbase\nUSER gen3\n',
    },
  ],
});
