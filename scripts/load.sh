#!/usr/bin/env bash
# The API's load benchmark (docs/API.md, "Load"): SQLite, then PostgreSQL in a throw-away
# cluster (pg_virtualenv). Not a test; it prints the table docs/API.md keeps.
#   bash scripts/load.sh [--seconds 10] [--clients 1,10,50]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --profile server -p benefits-api --example load --locked
load=target/server/examples/load
"$load" --database sqlite "$@"
# Inside pg_virtualenv: a database of its own in the cluster it made.
pg_virtualenv -- sh -c '
  psql -q -c "CREATE DATABASE benefits_load" &&
  exec "$0" --database "postgres://$PGUSER:$PGPASSWORD@${PGHOST:-localhost}:${PGPORT:-5432}/benefits_load" "$@"
' "$load" "$@"
