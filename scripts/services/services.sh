#!/usr/bin/env bash
# Starts (or stops) the real PostgreSQL and Redis servers the cluster-mode tests use, on loopback
# ports only, with their data in a throwaway folder. Debian packages: postgresql, redis-server.
#   scripts/services/services.sh start   → prints the export lines for the URLs below
#   scripts/services/services.sh stop
# PostgreSQL refuses to run as root, so it runs as the Debian 'postgres' user.
set -euo pipefail
ROOT="${SOTONG_SERVICES_DIR:-/tmp/sotong-services}"
PG_PORT="${SOTONG_PG_PORT:-55432}"
REDIS_PORT="${SOTONG_REDIS_PORT:-56379}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  mkdir -p "$ROOT"
  [ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed (Debian package postgresql)." >&2; exit 1; }
  if [ ! -f "$ROOT/pg/PG_VERSION" ]; then
    mkdir -p "$ROOT/pg"; [ "$(id -u)" = 0 ] && chown postgres: "$ROOT/pg" "$ROOT"
    as_pg "$PG_BIN/initdb" -D "$ROOT/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$ROOT/pg" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$ROOT/pg" -l "$ROOT/pg.log" -w start \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $ROOT -c fsync=off -c max_connections=400 -c shared_buffers=128MB" >/dev/null
  fi
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$ROOT" --logfile "$ROOT/redis.log" --pidfile "$ROOT/redis.pid"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "export SOTONG_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "export SOTONG_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
}

stop() {
  [ -n "$PG_BIN" ] && [ -f "$ROOT/pg/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$ROOT/pg" -m fast stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
