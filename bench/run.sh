#!/usr/bin/env bash
# Throughput and latency on the release build: the home page, an idea page
# with 10 versions and long texts, the idea list, the idea page with 3 rounds and 150
# contributions, posting then publishing ideas, and posting contributions. The
# server is pinned to CPU 0, the load generators (wrk from Debian, Node.js)
# to CPU 1, on a fresh SQLite database. Reports requests/s and latency
# percentiles; asserts nothing.
#   make bench            (or bench/run.sh [seconds] [connections])
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
PORT=3117
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
command -v wrk >/dev/null || { echo "wrk is missing: run make test once, or apt-get install wrk" >&2; exit 1; }
[ -x "$CARGO_TARGET_DIR/release/demineurs" ] || cargo xtask build

WORK=$(mktemp -d)
export E2E_ADMIN_EMAIL="bench@example.org" E2E_ADMIN_PASSWORD="bench admin password"
DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" \
  RUST_LOG=warn "$CARGO_TARGET_DIR/release/demineurs" create-admin --organisation Bench --name Bench --email "$E2E_ADMIN_EMAIL" >/dev/null
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

# An idea page: the seeded idea with 10 versions and long texts, signed in.
(cd end2end && node seed.mjs "http://127.0.0.1:$PORT" >/dev/null)
IDEA=$(node -e 'console.log(require("./end2end/seed.json").ideaId)')
COOKIE=$(curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$PORT/api/log_in" \
  --data-urlencode "email=$E2E_ADMIN_EMAIL" --data-urlencode "password=$E2E_ADMIN_PASSWORD" |
  grep -io 'demineurs_session=[^;]*')
for encoding in br identity; do
  echo "== GET /idees/$IDEA (10 versions, long texts; Accept-Encoding: $encoding), ${DURATION}s, $CONNECTIONS connections"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Accept-Encoding: $encoding" -H "Cookie: $COOKIE" \
    "http://127.0.0.1:$PORT/idees/$IDEA" | grep -E 'Requests/sec|Transfer/sec|50%|75%|90%|99%|Non-2xx|Socket errors'
done

# The idea list, signed in: the seed's ideas, first page.
for encoding in br identity; do
  echo "== GET /idees (Accept-Encoding: $encoding), ${DURATION}s, $CONNECTIONS connections"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Accept-Encoding: $encoding" -H "Cookie: $COOKIE" \
    "http://127.0.0.1:$PORT/idees" | grep -E 'Requests/sec|Transfer/sec|50%|75%|90%|99%|Non-2xx|Socket errors'
done

# The idea page with 5 versions, 3 rounds and 150 contributions, signed in.
ROUNDS_IDEA=$(node -e 'console.log(require("./end2end/seed.json").roundsIdeaId)')
for encoding in br identity; do
  echo "== GET /idees/$ROUNDS_IDEA (5 versions, 3 rounds, 150 contributions; Accept-Encoding: $encoding), ${DURATION}s, $CONNECTIONS connections"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Accept-Encoding: $encoding" -H "Cookie: $COOKIE" \
    "http://127.0.0.1:$PORT/idees/$ROUNDS_IDEA" | grep -E 'Requests/sec|Transfer/sec|50%|75%|90%|99%|Non-2xx|Socket errors'
done

taskset -c 1 node bench/publish.mjs "http://127.0.0.1:$PORT" "$DURATION" 8
taskset -c 1 node bench/contribute.mjs "http://127.0.0.1:$PORT" "$DURATION" 8
