#!/usr/bin/env bash
# Runs the compose stacks of docker/ with the right file combination.
#
#   tools/infra/stack.sh [core|dev|full|full-dev|data] <command> [args...]
#
#   init            create docker/.env, docker/secrets/* and a self-signed docker/certs pair
#                   (only what is missing; never overwrites)
#   up [svc...]     init, then build and start in the background, waiting for health checks
#   down [args]     stop and remove the containers (add -v to drop the volumes too)
#   logs [svc...]   follow the logs
#   ps              list the containers and their health
#   config          print the merged compose configuration
#   db-init         re-run docker/postgres/init on a running postgres (after adding a service)
#
# The stack defaults to "core". Uses `docker compose` (v2), or `docker-compose` if that is
# all there is. Backups: tools/infra/backup.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKER_DIR="$ROOT/docker"

stack="core"
case "${1:-}" in
  core | dev | full | full-dev | data) stack="$1"; shift ;;
esac
command="${1:-}"
[ -n "$command" ] && shift

case "$stack" in
  core) files=(compose.core.yml) ;;
  dev) files=(compose.core.yml compose.dev.yml) ;;
  full) files=(compose.core.yml compose.full.yml) ;;
  full-dev) files=(compose.core.yml compose.full.yml compose.dev.yml) ;;
  data) files=(compose.data.yml) ;;
esac

compose() {
  local args=(--project-name wealist --env-file "$DOCKER_DIR/.env")
  for f in "${files[@]}"; do args+=(-f "$DOCKER_DIR/$f"); done
  if docker compose version >/dev/null 2>&1; then
    docker compose "${args[@]}" "$@"
  else
    docker-compose "${args[@]}" "$@"
  fi
}

random_secret() { openssl rand -hex 24; }

init() {
  if [ ! -f "$DOCKER_DIR/.env" ]; then
    # Each "change-me" gets its own random value.
    while IFS= read -r line; do
      if [[ "$line" == *=change-me ]]; then echo "${line%change-me}$(random_secret)"; else echo "$line"; fi
    done <"$DOCKER_DIR/.env.example" >"$DOCKER_DIR/.env"
    chmod 600 "$DOCKER_DIR/.env"
    echo "created docker/.env"
  fi

  mkdir -p "$DOCKER_DIR/secrets" "$DOCKER_DIR/certs"
  local secrets="$DOCKER_DIR/secrets"
  if [ ! -s "$secrets/jwt_private_key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$secrets/jwt_private_key"
    openssl ec -in "$secrets/jwt_private_key" -pubout -out "$secrets/jwt_public_key" 2>/dev/null
    echo "created the ES256 JWT key pair"
  fi
  [ -s "$secrets/minio_root_user" ] || printf 'wealist' >"$secrets/minio_root_user"
  # Every other secret any compose file declares is a random password.
  local name
  for name in $(grep -ho '\./secrets/[a-z0-9_]*' "$DOCKER_DIR"/compose.*.yml | sed 's|./secrets/||' | sort -u); do
    if [ ! -s "$secrets/$name" ]; then
      random_secret | tr -d '\n' >"$secrets/$name"
      echo "created docker/secrets/$name"
    fi
  done
  # The folder is private; the files are bind-mounted into containers whose non-root users
  # (node, grafana, nobody) must be able to read them.
  chmod 700 "$secrets"
  chmod 644 "$secrets"/* 2>/dev/null || true

  if [ ! -s "$DOCKER_DIR/certs/tls.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$DOCKER_DIR/certs/tls.key" -out "$DOCKER_DIR/certs/tls.crt" 2>/dev/null
    chmod 644 "$DOCKER_DIR/certs/tls.key"
    echo "created a self-signed certificate in docker/certs (development only)"
  fi
}

# The full stack sends traces to Tempo unless docker/.env says otherwise.
if [[ "$stack" == full* ]] && [ -z "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ] && [ -f "$DOCKER_DIR/.env" ]; then
  configured="$(grep -E '^OTEL_EXPORTER_OTLP_ENDPOINT=' "$DOCKER_DIR/.env" | cut -d= -f2- || true)"
  export OTEL_EXPORTER_OTLP_ENDPOINT="${configured:-http://tempo:4318}"
fi

case "$command" in
  init) init ;;
  up)
    init
    if docker compose version >/dev/null 2>&1; then
      compose up --build --detach --wait "$@"
    else
      compose up --build --detach "$@" # docker-compose v1 has no --wait
    fi
    compose ps
    echo "Gateway: http://localhost:$(grep -E '^HTTP_PORT=' "$DOCKER_DIR/.env" | cut -d= -f2- || echo 80)"
    ;;
  down) compose down "$@" ;;
  logs) compose logs --follow --tail=200 "$@" ;;
  ps) compose ps "$@" ;;
  config) compose config "$@" ;;
  db-init)
    compose exec -T postgres bash /docker-entrypoint-initdb.d/10-service-databases.sh
    ;;
  *)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
