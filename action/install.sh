#!/usr/bin/env bash
# Installs the action's own checkout: the exact dependency versions of package-lock.json (npm ci, no
# install scripts), then the bundle. Runs once per job; a second use of the action reuses the bundle.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:-$(dirname "$0")/..}"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "::error::container-standards needs Node.js 20 or later on the runner (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node before this step"
  exit 2
fi
if [ -f dist/cli.js ] && [ -f dist/.action-built ]; then
  echo "container-standards already installed in $PWD"
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node scripts/build.mjs
touch dist/.action-built
