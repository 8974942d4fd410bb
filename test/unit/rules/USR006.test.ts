import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';

ruleTester('USR006', {
  valid: [
    `FROM ${B}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\nCMD ["app"]\n`,
    { name: 'buildbase ends as root', code: `FROM ${B}:3.13-buildbase\nRUN dnf install -y jq\nUSER gen3\nCMD ["app"]\n` },
    { name: 'pip into the gen3-owned /venv needs no root', code: `FROM ${B}:3.13-pythonbase\nRUN pip install -r requirements.txt\nUSER gen3\nCMD ["app"]\n` },
    { name: 'sudo elevates', code: `FROM ${B}:3.13-pythonbase\nRUN sudo dnf install -y jq\nUSER gen3\nCMD ["app"]\n` },
    {
      name: 'chown of the WORKDIR, as real Gen3 services do on pythonnginx',
      code: `FROM ${B}:3.13-pythonnginx\nWORKDIR /indexd\nRUN chown -R gen3:gen3 /indexd\nUSER gen3\nCMD ["app"]\n`,
    },
    { name: 'writing under /app is fine', code: `FROM ${B}:3.13-pythonbase\nRUN mkdir -p /app/data && echo x > /app/data/x\nUSER gen3\nCMD ["app"]\n` },
    { name: 'an unknown base user is not guessed', code: 'FROM python:3.13-slim\nRUN apt-get update\nUSER gen3\nCMD ["app"]\n' },
  ],
  invalid: [
    {
      name: 'dnf install on 3.13-pythonbase (ends as gen3) with no USER root',
      code: `FROM ${B}:3.13-pythonbase\nRUN dnf install -y jq\nCMD ["app"]\n`,
      errors: [{ line: 2, column: 5, endColumn: 8, message: "'dnf' runs as 'gen3' here, which cannot change the image's system files." }],
      fixes: ["safe: Run as root, then switch back to 'gen3'"],
      applicability: 'safe',
      output: `FROM ${B}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'a real service without its USER root (fence): the install and the sed -i of /etc',
      code: `FROM ${B}:3.13-pythonnginx\nRUN dnf upgrade -y; dnf install -y gcc\nRUN sed -i 's/a/b/g' /etc/crypto-policies/back-ends/openssh.config\n\nUSER gen3\nCMD ["app"]\n`,
      errors: [
        { line: 2, column: 5 },
        { line: 3, column: 5 },
      ],
      applicability: 'safe',
      // The USER that follows sets the user anyway: no second 'USER gen3'.
      output: `FROM ${B}:3.13-pythonnginx\nUSER root\nRUN dnf upgrade -y; dnf install -y gcc\nRUN sed -i 's/a/b/g' /etc/crypto-policies/back-ends/openssh.config\n\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'consecutive steps share one switch; writes to /etc and useradd count',
      code: `FROM ${B}:3.13-pythonbase\nUSER gen3\nRUN useradd app\nRUN echo x >> /etc/hosts\nCMD ["app"]\n`,
      errors: [
        { line: 3, column: 5 },
        { line: 4, column: 5 },
      ],
      applicability: 'safe',
      output: `FROM ${B}:3.13-pythonbase\nUSER gen3\nUSER root\nRUN useradd app\nRUN echo x >> /etc/hosts\nUSER gen3\nCMD ["app"]\n`,
    },
    {
      name: 'an install after CMD: the CMD (with its comment) moves below the switch back, so no USR004 follows',
      code: `FROM ${B}:3.13-pythonbase\n# start\nCMD ["app"]\nRUN dnf install -y jq\nEXPOSE 80\n`,
      errors: [{ line: 4, column: 5, endColumn: 8 }],
      fixes: ["safe: Run as root, then switch back to 'gen3'"],
      applicability: 'safe',
      output: `FROM ${B}:3.13-pythonbase\nUSER root\nRUN dnf install -y jq\nUSER gen3\n# start\nCMD ["app"]\nEXPOSE 80\n`,
    },
    {
      name: 'a shell-form CMD would move past a SHELL: unsafe',
      code: `FROM ${B}:3.13-pythonbase\nCMD app --serve\nSHELL ["/bin/bash", "-c"]\nRUN dnf install -y jq\n`,
      errors: [{ line: 4, column: 5, endColumn: 8 }],
      fixes: ["unsafe: Run as root, then switch back to 'gen3'"],
      applicability: 'unsafe',
      output: `FROM ${B}:3.13-pythonbase\nSHELL ["/bin/bash", "-c"]\nUSER root\nRUN dnf install -y jq\nUSER gen3\nCMD app --serve\n`,
    },
    {
      name: 'defra: apt-get as nonroot',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nRUN apt-get update\n',
      errors: [{ line: 2, column: 5 }],
      applicability: 'safe',
      output: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER root\nRUN apt-get update\nUSER nonroot\n',
    },
  ],
});
