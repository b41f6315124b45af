#!/usr/bin/env bash
# The live workshop benchmark on the release build, on SQLite and then on
# PostgreSQL (DEMINEURS_TEST_PG_URL, as for the tests): PHONES guests hold
# the event stream of one workshop, idle for IDLE_SECONDS, then each post
# once within 10 s and the room moves on. The server runs on CPU 0, the
# simulated phones (Node.js) on CPU 1. Reports figures; asserts nothing.
#   make bench-live       (or bench/live.sh [phones] [idle seconds] [sqlite|postgres|both])
set -euo pipefail
cd "$(dirname "$0")/.."
PHONES="${1:-1000}"
IDLE_SECONDS="${2:-60}"
WHICH="${3:-both}"
PORT=3118
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
[ -x "$CARGO_TARGET_DIR/release/demineurs" ] || cargo xtask build
BIN="$CARGO_TARGET_DIR/release/demineurs"
export E2E_ADMIN_EMAIL="bench@example.org" E2E_ADMIN_PASSWORD="bench admin password"
# Thousands of streams: one descriptor each, on both sides.
ulimit -n 20000 2>/dev/null || true

run() { # $1: label, $2: database URL, $3: the command counting rows for a body pattern ($1 in it)
  echo "#### $1"
  DATABASE_URL="$2" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" RUST_LOG=warn \
    "$BIN" create-admin --organisation Bench --name Bench --email "$E2E_ADMIN_EMAIL" >/dev/null
  DATABASE_URL="$2" DEMINEURS_BIND="127.0.0.1:$PORT" DEMINEURS_MAX_GUESTS_PER_WORKSHOP="$PHONES" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
    taskset -c 0 "$BIN" serve >"$WORK/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  taskset -c 1 node bench/live.mjs "http://127.0.0.1:$PORT" "$pid" "$3" "$PHONES" "$IDLE_SECONDS" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

WORK=$(mktemp -d)
trap 'pkill -f "demineurs serve" -P $$ 2>/dev/null; rm -rf "$WORK"' EXIT

if [ "$WHICH" != postgres ]; then
  command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (apt-get install sqlite3)" >&2; exit 1; }
  DB="$WORK/bench.db"
  run "SQLite" "sqlite://$DB?mode=rwc" \
    "sqlite3 -separator ' ' '$DB' \"SELECT count(*), count(DISTINCT body) FROM contributions WHERE body LIKE '\$1'\""
fi
if [ "$WHICH" != sqlite ]; then
  : "${DEMINEURS_TEST_PG_URL:?set DEMINEURS_TEST_PG_URL (an account that may create databases)}"
  NAME="bench_$(date +%s)"
  psql -q "$DEMINEURS_TEST_PG_URL" -c "CREATE DATABASE $NAME"
  URL="${DEMINEURS_TEST_PG_URL%/*}/$NAME"
  run "PostgreSQL" "$URL" \
    "psql -At -F ' ' '$URL' -c \"SELECT count(*), count(DISTINCT body) FROM contributions WHERE body LIKE '\$1'\""
  psql -q "$DEMINEURS_TEST_PG_URL" -c "DROP DATABASE $NAME WITH (FORCE)"
fi
