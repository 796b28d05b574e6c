#!/usr/bin/env bash
# Stops the PostgreSQL that scripts/postgres-up.sh started.
set -euo pipefail
port="${1:-55432}"
dir=/tmp/gonghui-pg-$port
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir" -m fast stop >/dev/null 2>&1 || true
