import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, tempTree } from '../helpers/cli';

/**
 * Migrating a Debian `python:3.9-slim` service with `--fix-unsafe` ends in one of two states: every
 * install uses the new base's package manager and runs as root, or what could not be translated is
 * still reported and the run exits 1. "No problems found" with an `apt-get` left is the bug this guards.
 */
const SERVICE = (packages: string) => `FROM python:3.9-slim

RUN apt-get update && apt-get install -y --no-install-recommends \\
    ${packages} \\
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "app:app"]
`;

async function migrate(packages: string) {
  const dir = tempTree({ Dockerfile: SERVICE(packages) });
  const r = await run(['check', 'Dockerfile', '--fix-unsafe', '--format', 'json'], { cwd: dir });
  return { code: r.code, text: readFileSync(join(dir, 'Dockerfile'), 'utf8'), report: JSON.parse(r.stdout) };
}

describe('migrating a Debian service with --fix-unsafe', () => {
  it('known packages: dnf with translated names, run as root, then back to gen3', async () => {
    const { code, text, report } = await migrate('build-essential libpq-dev');
    assert.equal(report.summary.droppedFixes, 0);
    assert.doesNotMatch(text, /apt-get|apt\/lists/);
    assert.match(text, /^FROM quay\.io\/cdis\/amazonlinux-base:3\.13-pythonbase$/m);
    assert.match(text, /^USER root\nRUN dnf makecache && dnf install -y \\\n {4}gcc gcc-c\+\+ make libpq-devel \\\n && dnf clean all\nUSER gen3$/m);
    assert.deepEqual(
      report.files[0].findings.map((f: { code: string }) => f.code),
      [],
    );
    assert.equal(code, 0);
  });

  it('an unknown package: the apt-get line stays reported and the run fails', async () => {
    const { code, text, report } = await migrate('libfoo-dev');
    assert.match(text, /apt-get install/);
    assert.ok(report.files[0].findings.some((f: { code: string }) => f.code === 'PKG001'));
    assert.equal(code, 1);
  });
});
