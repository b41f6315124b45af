#!/usr/bin/env bash
# What each brotli quality costs and saves on the pages a person loads most:
# the home page, the idea list and the heaviest idea page (5 versions, 3
# rounds, 150 contributions), each saved signed in from a seeded release
# server, then compressed at every quality on one core
# (server/examples/compression_quality.rs). Reports a table per page;
# asserts nothing. The quality chosen is whole_compression::BROTLI_QUALITY.
#   bench/compression.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=3118
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
[ -x "$CARGO_TARGET_DIR/release/demineurs" ] || cargo xtask build
cargo build --release -p server --example compression_quality

WORK=$(mktemp -d)
export E2E_ADMIN_EMAIL="bench@example.org" E2E_ADMIN_PASSWORD="bench admin password"
DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" \
  RUST_LOG=warn "$CARGO_TARGET_DIR/release/demineurs" create-admin --organisation Bench --name Bench --email "$E2E_ADMIN_EMAIL" >/dev/null
DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" DEMINEURS_BIND="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
  RUST_LOG=warn "$CARGO_TARGET_DIR/release/demineurs" serve >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
(cd end2end && node seed.mjs "http://127.0.0.1:$PORT" >/dev/null)
ROUNDS_IDEA=$(node -e 'console.log(require("./end2end/seed.json").roundsIdeaId)')
COOKIE=$(curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$PORT/api/log_in" \
  --data-urlencode "email=$E2E_ADMIN_EMAIL" --data-urlencode "password=$E2E_ADMIN_PASSWORD" |
  grep -io 'demineurs_session=[^;]*')
for page in / /idees "/idees/$ROUNDS_IDEA"; do
  name=$(echo "$page" | tr '/' '_')
  curl -fsS -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" >"$WORK/page$name.html"
done
taskset -c 1 "$CARGO_TARGET_DIR/release/examples/compression_quality" "$WORK"/page*.html |
  sed "s|$WORK/||"
