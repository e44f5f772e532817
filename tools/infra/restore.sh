#!/usr/bin/env bash
# Restores a backup made by backup.sh: every database (created if missing, replaced in one
# transaction) and, with --with-redis, the Redis snapshot (compose only: Redis is restarted).
#   tools/infra/restore.sh DIR [--local] [--no-owner] [--with-redis]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
exec npx --no-install tsx --tsconfig tools/infra/tsconfig.json tools/infra/src/backup-cli.ts restore "$@"
