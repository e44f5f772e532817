#!/usr/bin/env bash
# Creates one database and one login role per service, as listed in WEALIST_DATABASES
# ("service:database:role ..."), each role with its own password read from
# $SECRETS_DIR/<service>_db_password. The role owns its database; CONNECT is revoked from
# PUBLIC, so no service can open another service's database.
#
# Runs from /docker-entrypoint-initdb.d on the first start of an empty volume, and is
# idempotent, so `tools/infra/stack.sh db-init` re-runs it after a service is added.
set -euo pipefail

SECRETS_DIR="${SECRETS_DIR:-/run/secrets}"
PGUSER="${POSTGRES_USER:-postgres}"
export PGUSER

if [ -z "${WEALIST_DATABASES:-}" ]; then
  echo "WEALIST_DATABASES is empty: no service databases to create" >&2
  exit 1
fi

# Service roles have no business in the maintenance database either (LOCK_POSTGRES_DB=no
# leaves it alone, for running this script against a shared developer cluster).
if [ "${LOCK_POSTGRES_DB:-yes}" = "yes" ]; then
  psql -v ON_ERROR_STOP=1 --dbname postgres -q -c 'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC'
fi

for entry in ${WEALIST_DATABASES}; do
  IFS=: read -r service database role <<<"$entry"
  if [ -z "$service" ] || [ -z "$database" ] || [ -z "$role" ]; then
    echo "bad WEALIST_DATABASES entry '$entry' (expected service:database:role)" >&2
    exit 1
  fi
  secret="$SECRETS_DIR/${service}_db_password"
  if [ ! -s "$secret" ]; then
    echo "missing password for $role: $secret is empty or absent" >&2
    exit 1
  fi
  password="$(tr -d '\r\n' <"$secret")"

  # psql variables quote the identifiers and the password, so no value is spliced into SQL.
  psql -v ON_ERROR_STOP=1 --dbname postgres -q \
    -v db="$database" -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
SQL
  echo "database $database ready for $role ($service)"
done
