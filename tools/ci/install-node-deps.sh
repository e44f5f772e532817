#!/usr/bin/env bash
# Installs node_modules exactly from package-lock.json. `npm ci` is tried first; the registry
# reachable here lacks some other platforms' optional binaries (e.g. @swc/core-darwin-arm64),
# which npm leaves out of the lock and `npm ci` then reports as "missing from lock file". In
# that case `npm install` installs the same locked tree (the absent packages are optional).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Extra arguments (e.g. --omit=dev in the Docker runtime stage) go to both commands.
if ! npm ci --no-audit --no-fund "$@" 2>/tmp/wealist-npm-ci.log; then
  if grep -q 'from lock file' /tmp/wealist-npm-ci.log; then
    echo "[deps] npm ci: lock lists optional packages this registry lacks; installing from the lock with npm install"
    npm install --no-audit --no-fund "$@"
  else
    cat /tmp/wealist-npm-ci.log >&2
    exit 1
  fi
fi
