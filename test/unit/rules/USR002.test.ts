import { ruleTester } from '../helpers/ruleTester';
import { lockOf, seen } from '../helpers/locks';

const BASE = 'quay.io/cdis/amazonlinux-base';

ruleTester('USR002', {
  valid: [
    `FROM ${BASE}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\nCMD ["app"]\n`,
    { name: 'root in a builder stage only', code: `FROM ${BASE}:3.13-buildbase AS builder\nUSER root\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\nCMD ["app"]\n` },
    { name: 'defra base already ends as nonroot', profile: 'defra', code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nCMD ["-m", "app"]\n' },
    { name: 'gen3: base ending as root is USR001, not USR002', code: `FROM ${BASE}:3.13-buildbase\nCMD ["app"]\n` },
  ],
  invalid: [
    {
      name: 'an image outside the catalog is taken to run as root; nonroot may not exist there, so the fix is unsafe',
      profile: 'defra',
      code: 'FROM python:3.9-slim\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, message: "'python:3.9-slim', outside the profile, is taken to run as root, and the Dockerfile never switches user." }],
      fixes: ["unsafe: Insert 'USER nonroot' (create that user first if 'python:3.9-slim' lacks it)"],
    },
    {
      name: 'USER root left after installs: the install keeps root, the switch back goes before CMD',
      code: `FROM ${BASE}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nCMD ["app"]\n`,
      errors: [{ line: 2, column: 6, endColumn: 10, message: "The container runs as 'root' because no later USER switches back to 'gen3'." }],
      fixes: ["safe: Insert 'USER gen3' before the container starts"],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'no step after USER root: it is rewritten in place',
      code: `FROM ${BASE}:3.13-pythonbase\nRUN echo hi\nUSER root\nEXPOSE 80\nCMD ["app"]\n`,
      errors: [{ line: 3, column: 6, endColumn: 10 }],
      fixes: ["safe: Switch to 'gen3'"],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nRUN echo hi\nUSER gen3\nEXPOSE 80\nCMD ["app"]\n`,
    },
    {
      name: 'USER root after the ENTRYPOINT with an install after it: the install keeps root, the ENTRYPOINT moves below the switch',
      code: `FROM ${BASE}:3.13-pythonbase\nENTRYPOINT ["app"]\nUSER root\nRUN dnf install -y jq\n`,
      errors: [{ line: 3, column: 6, endColumn: 10 }],
      fixes: ["safe: Insert 'USER gen3' before the container starts"],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\nENTRYPOINT ["app"]\n`,
    },
    {
      name: 'USER root after CMD with nothing after it: rewritten in place, the CMD moves below it (no USR004)',
      code: `FROM ${BASE}:3.13-pythonbase\nCMD ["app"]\nUSER root\n`,
      errors: [{ line: 3, column: 6, endColumn: 10 }],
      fixes: ["safe: Switch to 'gen3'"],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'root from the base with a RUN after the CMD: the switch goes after the RUN, which keeps running as root',
      profile: 'defra',
      code: 'FROM python:3.9-slim\nCMD ["python", "app.py"]\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 1, column: 6, endColumn: 21 }],
      fixes: ["unsafe: Insert 'USER nonroot' (create that user first if 'python:3.9-slim' lacks it)"],
      applicability: 'unsafe',
      output: 'FROM python:3.9-slim\nRUN pip install -r requirements.txt\nUSER nonroot\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'UID 0',
      code: `FROM ${BASE}:3.13-pythonbase\nUSER 0\n`,
      errors: [{ line: 2, column: 6, endColumn: 7 }],
      applicability: 'safe',
      output: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\n`,
    },
    { name: '0:0', code: `FROM ${BASE}:3.13-pythonbase\nUSER 0:0\n`, errors: [{ line: 2, column: 6, endColumn: 9 }] },
    {
      name: 'inherited from the stage the final stage is built from',
      code: `FROM ${BASE}:3.13-pythonbase AS base\nUSER root\nFROM base\nCMD ["app"]\n`,
      errors: [{ line: 2, column: 6 }],
    },
    {
      name: 'defra: USER root after installing curl',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN apt-get install -y curl\nCMD ["-m", "app"]\n',
      errors: [{ line: 2, column: 6 }],
      applicability: 'safe',
      output: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN apt-get install -y curl\nUSER nonroot\nCMD ["-m", "app"]\n',
    },
  ],
});

// The image configuration's User, from the lock, wins over the profile's word.
const users = lockOf(
  { 'defradigital/python': { '2.0.1-python3.13.9': seen('a', { user: '' }), '2.2.1-python3.14.3': seen('b', { user: 'nonroot' }) } },
  { 'python:3.13-slim': seen('c', { user: '' }), 'gcr.io/distroless/python3:nonroot': seen('d', { user: '65532' }) },
);

ruleTester('USR002', {
  profile: 'defra',
  lock: users,
  valid: [
    { name: 'the image really ends as nonroot', code: 'FROM defradigital/python:2.2.1-python3.14.3 AS production\nCMD ["-m", "app"]\n' },
    { name: 'an inspected outside image that ends as a non-root UID', code: 'FROM gcr.io/distroless/python3:nonroot\nCMD ["app.py"]\n' },
  ],
  invalid: [
    {
      name: 'the profile says nonroot, the image configuration sets no User: it runs as root',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nCMD ["-m", "app"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 44,
          message: "'defradigital/python:2.0.1-python3.13.9' runs as root and the Dockerfile never switches user.",
        },
      ],
      applicability: 'safe',
      output: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER nonroot\nCMD ["-m", "app"]\n',
    },
    {
      name: 'an image outside the catalog that the sync inspected (catalog sync --image)',
      code: 'FROM python:3.13-slim\nCMD ["app.py"]\n',
      errors: [{ line: 1, column: 6, endColumn: 22 }],
    },
  ],
});
