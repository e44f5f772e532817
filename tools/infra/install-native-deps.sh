#!/usr/bin/env bash
# Debian packages the infra checks need (tools/infra/test): nginx and prometheus (+ promtool)
# for the native stack test, docker-compose (v1, validates compose files offline, no engine
# needed), the PostgreSQL/Redis client tools for backup and restore, and coturn (turnserver,
# turnutils_uclient) for the video service's TURN test. Idempotent and quiet
# when everything is present; CI calls it before the tests.
set -euo pipefail

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# video's tests relay through a real coturn with the credentials it issues.
command -v turnserver >/dev/null 2>&1 || need+=(coturn)
command -v turnutils_uclient >/dev/null 2>&1 || need+=(coturn)

if [ "${#need[@]}" -eq 0 ]; then
  echo "infra native dependencies present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Packages must not start their system services (nginx on :80, prometheus on :9090, coturn on
# :3478): the tests start their own instances on free ports. policy-rc.d is the Debian way to say so.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy=1
fi
cleanup() { [ -z "$created_policy" ] || $SUDO rm -f "$policy"; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2046
$SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
echo "installed: $(printf '%s ' "${need[@]}" | xargs -n1 | sort -u | xargs)"
