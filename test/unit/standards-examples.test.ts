import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinProfile, lint } from '../../server/src/engine';
import { describeFinding } from './helpers/ruleTester';

// The standards' own examples are the acceptance test: what they show must pass clean.

const GEN3_SEED_SNIPPET = `# Start from the buildbase image (which itself starts from Hardened)
FROM quay.io/cdis/amazonlinux-base:3.13-buildbase

# --- Application Layer ---
# Copy your application files
COPY . /app

# Switch to the mandatory non-root user 
# (user 'gen3' with UID 1000 is created in the base image)
USER gen3

# Set the working directory (must be owned by gen3 user)
WORKDIR /app

# Command to run your application
CMD ["/bin/bash", "-c", "./your_app"]
`;

// The layout most Gen3 services use (fence, indexd, peregrine, …), per standards-facts.md.
const GEN3_SERVICE = `ARG AZLINUX_BASE_VERSION=3.13-pythonnginx

FROM quay.io/cdis/amazonlinux-base:\${AZLINUX_BASE_VERSION} AS base
ENV appname=fence
WORKDIR /\${appname}
RUN chown -R gen3:gen3 /\${appname}

FROM base AS builder
USER gen3
COPY poetry.lock pyproject.toml /\${appname}/
RUN poetry install -vv --only main --no-interaction
COPY --chown=gen3:gen3 . /\${appname}

FROM base
COPY --chown=gen3:gen3 --from=builder /\${appname} /\${appname}
COPY --chown=gen3:gen3 --from=builder /venv /venv
USER root
RUN dnf -y install vim procps && dnf clean all
USER gen3
WORKDIR /\${appname}
CMD ["/bin/bash", "-c", "/\${appname}/dockerrun.bash"]
`;

// Modelled on DEFRA/cdp-python-backend-template, per standards-facts.md.
const DEFRA_SERVICE = `ARG PARENT_VERSION=2.0.1-python3.13.9

FROM defradigital/python-development:\${PARENT_VERSION} AS development
ENV PATH="/home/nonroot/.venv/bin:\${PATH}"
WORKDIR /home/nonroot
COPY --chown=nonroot:nonroot pyproject.toml uv.lock ./
RUN uv sync --frozen
COPY --chown=nonroot:nonroot app/ ./app/
ARG PORT=8085
EXPOSE \${PORT}
CMD ["-m", "app.main"]

FROM defradigital/python:\${PARENT_VERSION} AS production
USER root
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
USER nonroot
ENV PATH="/home/nonroot/.venv/bin:\${PATH}"
WORKDIR /home/nonroot
COPY --from=development --chown=nonroot:nonroot /home/nonroot/.venv .venv/
COPY --chown=nonroot:nonroot app/ ./app/
CMD ["-m", "app.main"]
`;

async function errorsAndWarnings(text: string, profile: 'gen3' | 'defra') {
  const { findings } = await lint(text, 'dockerfile', { profile: builtinProfile(profile)! });
  return findings.filter((f) => f.severity !== 'info').map(describeFinding);
}

test("the Gen3 seed's mandatory Dockerfile snippet is clean", async () => {
  assert.deepEqual(await errorsAndWarnings(GEN3_SEED_SNIPPET, 'gen3'), []);
});

test('the typical three-stage Gen3 service is clean', async () => {
  assert.deepEqual(await errorsAndWarnings(GEN3_SERVICE, 'gen3'), []);
});

test('a Defra development/production service is clean under the defra profile', async () => {
  assert.deepEqual(await errorsAndWarnings(DEFRA_SERVICE, 'defra'), []);
});

test('the same Defra file breaks the Gen3 standard, and the other way round', async () => {
  assert.ok((await errorsAndWarnings(DEFRA_SERVICE, 'gen3')).some((f) => f.includes('IMG001')));
  assert.ok((await errorsAndWarnings(GEN3_SERVICE, 'defra')).some((f) => f.includes('IMG001')));
});
