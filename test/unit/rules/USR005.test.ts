import { ruleTester } from '../helpers/ruleTester';

const BASE = 'quay.io/cdis/amazonlinux-base';

ruleTester('USR005', {
  valid: [
    { name: 'the seed snippet copies before switching', code: `FROM ${BASE}:3.13-buildbase\nCOPY . /app\nUSER gen3\nWORKDIR /app\nCMD ["./app"]\n` },
    { name: 'read-only application code owned by root is fine', code: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY . /app\nCMD ["python", "/app/app.py"]\n` },
    `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY --chown=gen3:gen3 . /app\nRUN mkdir /app/data\n`,
    {
      name: '--chmod decides the mode, so the step may be meant to write',
      code: `FROM ${BASE}:3.13-pythonbase\nCOPY --chmod=777 . /app\nRUN mkdir /app/data\n`,
    },
    { name: 'a write elsewhere', code: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY . /app\nRUN mkdir -p /tmp/cache && touch /home/gen3/x\n` },
    { name: 'the write runs as root', code: `FROM ${BASE}:3.13-pythonbase\nCOPY . /app\nUSER root\nRUN mkdir /app/data\nUSER gen3\n` },
    {
      name: 'root hands the files over first',
      code: `FROM ${BASE}:3.13-pythonbase\nUSER root\nCOPY . /app\nRUN chown -R gen3:gen3 /app\nUSER gen3\nRUN mkdir /app/data\n`,
    },
    { name: 'a relative write with an unknown WORKDIR', code: `FROM ${BASE}:3.13-pythonbase\nCOPY . /app\nRUN mkdir data\n` },
    { name: 'a path from a variable', code: `FROM ${BASE}:3.13-pythonbase\nCOPY . /app\nRUN mkdir $APP/data\n` },
    {
      name: 'builder stages are not the runtime image',
      code: `FROM ${BASE}:3.13-buildbase AS builder\nUSER gen3\nCOPY . /src\nRUN touch /src/x\nFROM ${BASE}:3.13-pythonbase\nUSER gen3\n`,
    },
    {
      name: "into the WORKDIR (Defra's uv layout): the folder keeps its owner, and uv writes only .venv",
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER nonroot\nWORKDIR /home/nonroot\nCOPY pyproject.toml .\nCOPY uv.lock README.md ./\nCOPY app/ /home/nonroot/\nRUN uv sync --locked\n',
    },
    {
      name: 'option values are not paths',
      code: `FROM ${BASE}:3.13-pythonbase\nWORKDIR /app\nCOPY . .\nRUN install -m 0755 -o gen3 /tmp/a /usr/local/bin/a\n`,
    },
  ],
  invalid: [
    {
      name: 'a later RUN as the runtime user writes into the copied folder',
      code: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY . /app\nRUN mkdir -p /app/data\n`,
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 5,
          severity: 'info',
          message: "COPY leaves '/app' owned by root, but 'mkdir' on line 4 writes '/app/data' as 'gen3'.",
        },
      ],
      applicability: 'unsafe',
      output: `FROM ${BASE}:3.13-pythonbase\nUSER gen3\nCOPY --chown=gen3:gen3 . /app\nRUN mkdir -p /app/data\n`,
    },
    {
      name: 'copied as root before the switch: the files are root-owned all the same',
      code: `FROM ${BASE}:3.13-pythonbase\nUSER root\nCOPY . /app\nWORKDIR /app\nUSER gen3\nRUN python -m venv .venv\n`,
      errors: [{ line: 3, column: 1, endColumn: 5, message: /'\/app' owned by root, but 'python' on line 6 writes '\/app\/.venv' as 'gen3'/ }],
    },
    {
      name: 'ADD and COPY (any case); redirections, cd and sed -i; COPY --from keeps the owner files had in their stage',
      code: `FROM ${BASE}:3.13-buildbase AS builder\nFROM ${BASE}:3.13-pythonbase\ncopy --from=builder /venv /venv\ncopy conf /etc/app\nADD app.tar /app\nRUN echo x >> /venv/pyvenv.cfg && echo y > /etc/app/x.cfg && cd /app && sed -i s/a/b/ settings.py\n`,
      errors: [
        { line: 4, column: 1, endColumn: 5, message: /'\/etc\/app' owned by root, but 'echo' on line 6 writes '\/etc\/app\/x.cfg'/ },
        { line: 5, column: 1, endColumn: 4, message: /'sed' on line 6 writes '\/app\/settings.py'/ },
      ],
      applicability: 'unsafe',
      output: `FROM ${BASE}:3.13-buildbase AS builder\nFROM ${BASE}:3.13-pythonbase\ncopy --from=builder /venv /venv\ncopy --chown=gen3:gen3 conf /etc/app\nADD --chown=gen3:gen3 app.tar /app\nRUN echo x >> /venv/pyvenv.cfg && echo y > /etc/app/x.cfg && cd /app && sed -i s/a/b/ settings.py\n`,
    },
    {
      name: 'a file copied into the WORKDIR, then edited',
      code: `FROM ${BASE}:3.13-pythonbase\nWORKDIR /app\nCOPY settings.py config/ ./\nRUN sed -i s/a/b/ settings.py && touch new.txt\n`,
      errors: [
        {
          line: 3,
          column: 1,
          message: "COPY leaves '/app/settings.py' owned by root, but 'sed' on line 4 writes '/app/settings.py' as 'gen3'.",
        },
      ],
    },
    {
      name: 'a heredoc COPY: its body is not the destination',
      code: `FROM ${BASE}:3.13-pythonbase\nWORKDIR /app\nCOPY <<EOF run.sh\necho hi\nEOF\nRUN chmod +x run.sh\n`,
      errors: [{ line: 3, column: 1, message: /'\/app\/run.sh' owned by root, but 'chmod' on line 6/ }],
    },
    {
      name: 'defra: any non-root user; the fix names the one that writes',
      profile: 'defra',
      code: 'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER app\nCOPY app /home/app/app\nRUN npm --prefix x ci && cd /home/app/app && npm ci\n',
      errors: [
        {
          line: 3,
          column: 1,
          message: "COPY leaves '/home/app/app' owned by root, but 'npm' on line 4 writes '/home/app/app/node_modules' as 'app'.",
        },
      ],
      applicability: 'unsafe',
      output:
        'FROM defradigital/python:2.0.1-python3.13.9 AS production\nUSER app\nCOPY --chown=app app /home/app/app\nRUN npm --prefix x ci && cd /home/app/app && npm ci\n',
    },
  ],
});
