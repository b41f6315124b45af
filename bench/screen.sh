#!/usr/bin/env bash
# From a change to the screen (bench/screen.mjs): the release build on a
# fresh SQLite database, pinned to CPU 0; Chromium and the script on CPU 1.
# Reports figures; asserts nothing.
#   make bench-screen       (or bench/screen.sh [posts])
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS="${1:-40}"
PORT=3119
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
[ -x "$CARGO_TARGET_DIR/release/demineurs" ] || cargo xtask build
BIN="$CARGO_TARGET_DIR/release/demineurs"
export E2E_ADMIN_EMAIL="bench@example.org" E2E_ADMIN_PASSWORD="bench admin password"
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
DB="sqlite://$WORK/bench.db?mode=rwc"
DATABASE_URL="$DB" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" RUST_LOG=warn \
  "$BIN" create-admin --organisation Bench --name Bench --email "$E2E_ADMIN_EMAIL" >/dev/null
DATABASE_URL="$DB" DEMINEURS_BIND="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  taskset -c 0 "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
taskset -c 1 node bench/screen.mjs "http://127.0.0.1:$PORT" "$POSTS"
