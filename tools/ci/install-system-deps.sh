#!/usr/bin/env bash
# Debian packages the test suite drives for real: promtool/prometheus, nginx, PostgreSQL
# client tools, and whatever tools/infra needs. Skips apt entirely when all are present.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
if [ ${#need[@]} -gt 0 ]; then
  echo "[deps] installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The Debian prometheus package starts a daemon on :9090; the tests start their own.
  systemctl stop prometheus >/dev/null 2>&1 || pkill -x prometheus >/dev/null 2>&1 || true
fi
if [ -f tools/infra/install-native-deps.sh ]; then
  bash tools/infra/install-native-deps.sh
fi
