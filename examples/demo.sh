#!/usr/bin/env bash
# Load examples/prod.sql and examples/stage.sql into two fresh databases on a local PostgreSQL
# (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 as postgres), show the diff, apply it, and diff again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
cargo build --quiet --release
bin=target/release/pgdrift
for db in pgdrift_demo_prod pgdrift_demo_stage; do
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
done
psql -X -q -d pgdrift_demo_prod -f examples/prod.sql
psql -X -q -d pgdrift_demo_stage -f examples/stage.sql
prod="postgresql://$PGUSER@$PGHOST:$PGPORT/pgdrift_demo_prod"
stage="postgresql://$PGUSER@$PGHOST:$PGPORT/pgdrift_demo_stage"
echo "== pgdrift prod stage (safe mode)"
set +e
"$bin" "$prod" "$stage"; echo "(exit status $?)"
echo "== pgdrift --unsafe prod stage | psql -1 (apply)"
"$bin" --unsafe "$prod" "$stage" > /tmp/pgdrift_demo.sql
set -e
psql -X -q -v ON_ERROR_STOP=1 -d pgdrift_demo_prod -f /tmp/pgdrift_demo.sql
echo "== pgdrift prod stage (again: nothing to do)"
"$bin" "$prod" "$stage"; echo "(exit status $?)"
psql -X -q -d pgdrift_demo_prod -c 'SELECT c.id, email, status, total FROM customer c JOIN "order" o ON o.customer_id = c.id'
