#!/usr/bin/env bash
# What durable commits cost: the publish benchmark (bench/publish.mjs: post
# an idea, then publish it, fresh keys each time) against the release build
# on a fresh SQLite database, first with `--sqlite-synchronous full` (the
# default: a commit is on disk before it is acknowledged), then `normal`.
# Server on CPU 0, load on CPU 1. Reports figures; asserts nothing.
#   bench/durability.sh [seconds] [workers]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
WORKERS="${2:-8}"
PORT=3118
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
BIN="$CARGO_TARGET_DIR/release/demineurs"
[ -x "$BIN" ] || cargo xtask build
export E2E_ADMIN_EMAIL="bench@example.org" E2E_ADMIN_PASSWORD="bench admin password"

WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for level in full normal; do
  db="sqlite://$WORK/$level.db?mode=rwc"
  DATABASE_URL="$db" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" RUST_LOG=warn \
    "$BIN" create-admin --organisation Bench --name Bench --email "$E2E_ADMIN_EMAIL" >/dev/null
  DATABASE_URL="$db" DEMINEURS_BIND="127.0.0.1:$PORT" DEMINEURS_SQLITE_SYNCHRONOUS="$level" \
    LEPTOS_SITE_ROOT=target/site RUST_LOG=warn taskset -c 0 "$BIN" serve >"$WORK/$level.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  echo "== synchronous = $level: publish benchmark, ${DURATION}s, $WORKERS workers"
  taskset -c 1 node bench/publish.mjs "http://127.0.0.1:$PORT" "$DURATION" "$WORKERS"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
done
