import { ruleTester } from '../helpers/ruleTester';

const BASE = 'quay.io/cdis/amazonlinux-base';

ruleTester('USR005', {
  valid: [
    { name: 'the seed snippet copies before switching', code: `FROM ${BASE}:3.13-buildbase\nCOPY . /app\nUSER gen3\nWORKDIR /app\nCMD ["./app"]\n` },
    `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY --chown=gen3:gen3 . /app\n`,
    { name: 'builder stages are not the runtime image', code: `FROM ${BASE}:3.13-buildbase AS builder\nUSER gen3\nCOPY . /src\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\n` },
    { name: 'back to root for installs', code: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nUSER root\nCOPY . /app\nUSER gen3\n` },
  ],
  invalid: [
    {
      code: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY . /app\n`,
      errors: [{ line: 3, column: 1, endColumn: 5, severity: 'info', message: /--chown=gen3:gen3/ }],
      applicability: 'unsafe', output: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY --chown=gen3:gen3 . /app\n`,
    },
    {
      name: 'COPY --from another stage is root-owned too; ADD as well',
      code: `FROM ${BASE}:3.13-buildbase AS builder\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\ncopy --from=builder /venv /venv\nADD app.tar /app\n`,
      errors: [{ line: 4, column: 1, endColumn: 5 }, { line: 5, column: 1, endColumn: 4 }],
      applicability: 'unsafe', output: `FROM ${BASE}:3.13-buildbase AS builder\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\ncopy --chown=gen3:gen3 --from=builder /venv /venv\nADD --chown=gen3:gen3 app.tar /app\n`,
    },
    {
      name: 'defra nonroot',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER nonroot\nCOPY app/ ./app/\n',
      errors: [{ line: 3, column: 1 }],
      applicability: 'unsafe', output: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER nonroot\nCOPY --chown=nonroot:nonroot app/ ./app/\n',
    },
  ],
});
