#!/usr/bin/env bash
# pg_dump of every service database in the catalog + a Redis snapshot, with a manifest.
#   tools/infra/backup.sh [--local] [--out DIR] [--no-redis]
# Default: the running compose project; --local: this machine's pg_dump/redis-cli with PG*
# variables and REDIS_URL. Output: .wealist/backups/<timestamp>/ unless --out is given.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
exec npx --no-install tsx --tsconfig tools/infra/tsconfig.json tools/infra/src/backup-cli.ts backup "$@"
