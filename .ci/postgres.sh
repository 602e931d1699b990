#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL cluster for the test suite on 127.0.0.1:5433.
# Usage: .ci/postgres.sh start|stop ; prints the DATABASE_URL to use on start.
set -euo pipefail

PG_HOME="${KOOPERATIVA_PG_HOME:-/var/tmp/kooperativa-pg}"
PG_PORT="${KOOPERATIVA_PG_PORT:-5433}"
DATA="$PG_HOME/data"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
  echo "$dir"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  if ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "Installing PostgreSQL from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

start() {
  ensure_installed
  local bin
  bin=$(pg_bin)
  mkdir -p "$PG_HOME"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_HOME"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$DATA" -l "$PG_HOME/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_HOME -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
  fi
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='kooperativa'" | grep -q 1 ||
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kooperativa
  echo "postgres://postgres@127.0.0.1:$PG_PORT/kooperativa"
}

stop() {
  local bin
  bin=$(pg_bin)
  as_postgres "$bin/pg_ctl" -D "$DATA" stop -m fast >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
