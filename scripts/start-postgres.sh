#!/usr/bin/env bash
# Start Debian's PostgreSQL cluster and make the test role and database.
# Prints the URL to use on stdout; exits 3 when PostgreSQL is not installed here.
set -euo pipefail
role=${BALCAO_PG_ROLE:-balcao_test}
password=${BALCAO_PG_PASSWORD:-balcao_test}
dbname=${BALCAO_PG_DB:-balcao_test}

command -v pg_lsclusters >/dev/null || { echo "PostgreSQL (Debian's package) is not installed" >&2; exit 3; }
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1) || {
  echo "no PostgreSQL cluster found" >&2; exit 3; }
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 30); do as_postgres pg_isready -q -p "$port" && break; sleep 0.5; done
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname='$role'" | grep -q 1; then
  as_postgres psql -q -p "$port" -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'" >&2
fi
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1; then
  as_postgres createdb -p "$port" -O "$role" "$dbname" >&2
fi
echo "postgresql://$role:$password@127.0.0.1:$port/$dbname"
