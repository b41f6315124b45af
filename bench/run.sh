#!/usr/bin/env bash
# Throughput and latency of the home page on the release build: the server
# pinned to CPU 0, the load generator (wrk, from Debian) to CPU 1, a fresh
# SQLite database. Reports requests/s and latency percentiles; asserts nothing.
#   make bench            (or bench/run.sh [seconds] [connections])
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
PORT=3117
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
command -v wrk >/dev/null || { echo "wrk is missing: run make test once, or apt-get install wrk" >&2; exit 1; }
[ -x "$CARGO_TARGET_DIR/release/demineurs" ] || cargo leptos build --release --precompress

WORK=$(mktemp -d)
DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" DEMINEURS_BIND="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
  RUST_LOG=warn taskset -c 0 "$CARGO_TARGET_DIR/release/demineurs" serve >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

for encoding in br identity; do
  echo "== GET / (Accept-Encoding: $encoding), ${DURATION}s, $CONNECTIONS connections, server on CPU 0, wrk on CPU 1"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Accept-Encoding: $encoding" "http://127.0.0.1:$PORT/" |
    grep -E 'Requests/sec|Transfer/sec|50%|75%|90%|99%|Non-2xx|Socket errors'
done
