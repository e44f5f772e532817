#!/usr/bin/env bash
# `npm run up`: install dependencies if missing, then hand over to up.ts (databases, roles,
# migrations, every service, the gateway when nginx is installed). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x node_modules/.bin/nx ] || [ ! -x node_modules/.bin/tsx ]; then
  echo "[up] installing dependencies (npm ci)"
  bash tools/ci/install-node-deps.sh
fi
exec node_modules/.bin/tsx --tsconfig tools/tsconfig.json tools/up/up.ts "$@"
