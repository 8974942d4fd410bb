import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
const END = '\nUSER gen3\nCMD ["app"]\n';

ruleTester('PKG001', {
  valid: [
    `FROM ${B}:3.13-buildbase\nRUN dnf install -y gcc && dnf clean all${END}`,
    { name: 'yum and microdnf are on Amazon Linux too', code: `FROM ${B}:3.13-buildbase\nRUN yum install -y jq\nRUN microdnf install -y jq${END}` },
    { name: 'an image outside the catalog: its OS is not known', code: 'FROM python:3.9-slim\nRUN apt-get update\nUSER gen3\nCMD ["app"]\n' },
    {
      name: 'defra: apt-get on Debian',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN apt-get update && apt-get install -y curl\nUSER nonroot\n',
    },
    { name: 'the word apt-get as an argument is not a command', code: `FROM ${B}:3.13-buildbase\nRUN echo apt-get${END}` },
    { name: 'exec form and heredocs are not guessed at', code: `FROM ${B}:3.13-buildbase\nRUN ["apt-get", "update"]\nRUN <<EOF\napt-get update\nEOF${END}` },
  ],
  invalid: [
    {
      name: 'apt-get on Amazon Linux: translated to dnf with the table names and its cache clean-up',
      code: `FROM ${B}:3.13-buildbase\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    build-essential \\\n    libpq-dev \\\n && rm -rf /var/lib/apt/lists/*${END}`,
      errors: [
        { line: 2, column: 5, endColumn: 12, message: "'apt-get' is not on Amazon Linux 2023, the OS of 'quay.io/cdis/amazonlinux-base:3.13-buildbase'." },
      ],
      fixes: ['unsafe: Use dnf with its package names'],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-buildbase\nRUN dnf makecache && dnf install -y \\\n    gcc gcc-c++ make \\\n    libpq-devel \\\n && dnf clean all${END}`,
    },
    {
      name: 'a package the table does not know: only a suggestion, and the message names it',
      code: `FROM ${B}:3.13-buildbase\nRUN apt-get install -y libfoo-dev curl${END}`,
      errors: [{ line: 2, column: 5, message: /, and no dnf name is known for 'libfoo-dev'\.$/ }],
      fixes: ["suggestion: Use dnf (check the package names: 'libfoo-dev' kept as written)"],
    },
    {
      name: 'apk names are not in the table: the translation is only a suggestion',
      code: `FROM ${B}:3.13-buildbase\nRUN sudo apk add --no-cache jq${END}`,
      errors: [{ line: 2, column: 10, endColumn: 13 }],
      fixes: ["suggestion: Use dnf (check the package names: 'jq' kept as written)"],
    },
    {
      name: 'a subcommand with no counterpart: reported without a fix',
      code: `FROM ${B}:3.13-buildbase\nRUN apt-get build-dep python3${END}`,
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      fixes: [],
    },
    {
      name: 'defra: dnf on Debian is translated to apt-get, with the list update an install needs',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN dnf install -y libpq-devel gcc-c++\nUSER nonroot\n',
      errors: [{ line: 3, column: 5, message: /^'dnf' is not on Debian/ }],
      applicability: 'unsafe',
      output:
        'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev g++\nUSER nonroot\n',
    },
  ],
});
