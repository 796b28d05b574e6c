#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 on 127.0.0.1 for the test suite and prints its URL.
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user.
# Usage: scripts/postgres-up.sh [port]   (stop: scripts/postgres-down.sh)
set -euo pipefail
port="${1:-55432}"
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/postgres" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
dir=/tmp/gonghui-pg-$port
if [ -f "$dir/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  echo "postgres://postgres@127.0.0.1:$port/postgres"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
