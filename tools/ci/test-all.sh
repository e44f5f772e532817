#!/usr/bin/env bash
# `npm test`: the whole suite through Nx (cached locally, all of it on a fresh clone):
# lint with module boundaries, type check, build, unit and integration tests of every project.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_TUI=false NX_NO_CLOUD=true FORCE_COLOR=0
rm -rf tmp/jest
node_modules/.bin/nx run-many -t lint typecheck build test --parallel=2 --output-style=stream "$@"
status=$?
node tools/ci/summarize-tests.mjs
exit $status
