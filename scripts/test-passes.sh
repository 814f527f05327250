#!/usr/bin/env bash
# The test passes of `npm test`, in two lanes at once (the machine has 2 cores and the main pass,
# one file at a time, leaves one of them mostly idle):
#   1. every *.test.ts on the embedded defaults (SQLite), one file at a time — its output streams;
#   2. the server tests again on PostgreSQL (`npm run test:pg`) — its output is kept in a file and
#      printed when lane 1 is done, so the two never interleave.
# Fails if either lane fails. PostgreSQL and Redis must be running (scripts/services/services.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

pg_log=$(mktemp -t sotong-test-pg.XXXXXX)
npm run --silent test:pg > "$pg_log" 2>&1 &
pg_pid=$!
trap 'kill "$pg_pid" 2>/dev/null; rm -f "$pg_log"' EXIT

# shellcheck disable=SC2046 # one argument per file, as the README's command always had it
node --import tsx --test --test-concurrency=1 $(find server certs electron web e2e build scripts bench/lib -name '*.test.ts' -not -path '*/node_modules/*' | sort)
main_rc=$?

wait "$pg_pid"
pg_rc=$?
echo "── the server tests on PostgreSQL (npm run test:pg, run beside the pass above) ──"
cat "$pg_log"
echo "── main pass: exit $main_rc; PostgreSQL pass: exit $pg_rc ──"
[ "$main_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
