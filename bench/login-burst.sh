#!/usr/bin/env bash
# Resident memory of the server before, during and after a burst of wrong
# log-ins (issue 14: under 200 MB during, back under 100 MB after).
#
#   bench/login-burst.sh [burst size, default 200]
#
# Two bursts on a fresh SQLite instance of the release build: one from a
# single caller (the limit refuses all but 20 before any hash), and one
# from as many callers as requests (the server trusts 127.0.0.1 as a proxy
# and each request names another X-Forwarded-For), so that every request
# reaches the password check. Prints VmRSS in MB.
set -euo pipefail
cd "$(dirname "$0")/.."
BURST=${1:-200}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN="$TARGET_DIR/release/demineurs"
[ -x "$BIN" ] || { echo "build the release first: cargo xtask build" >&2; exit 1; }
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="sqlite://$WORK/bench.db?mode=rwc"
DATABASE_URL="$URL" DEMINEURS_ADMIN_PASSWORD="bench admin password" \
  "$BIN" create-admin --organisation Bench --name Bench --email bench@bench.test >/dev/null 2>&1
DATABASE_URL="$URL" DEMINEURS_BIND="127.0.0.1:$PORT" DEMINEURS_TRUSTED_PROXIES=127.0.0.1 \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$BIN" serve >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status"; }

# Samples the RSS every 50 ms into $WORK/samples until told to stop.
sample() { while [ -e "$WORK/sampling" ]; do rss >>"$WORK/samples"; echo >>"$WORK/samples"; sleep 0.05; done; }

burst() { # $1: "one" caller or "many"
  : >"$WORK/samples"; touch "$WORK/sampling"; sample & local sampler=$!
  local start=$(date +%s.%N)
  seq 1 "$BURST" | xargs -P "$BURST" -I{} sh -c '
    if [ "$0" = many ]; then from="10.$(({} / 250)).$(({} % 250)).7"; else from=203.0.113.1; fi
    curl -s -o /dev/null -w "%{http_code}\n" -X POST "http://127.0.0.1:'"$PORT"'/api/log_in" \
      -H "content-type: application/x-www-form-urlencoded" -H "x-forwarded-for: $from" \
      --data "email=guess{}%40bench.test&password=wrong+password"' "$1" >"$WORK/codes"
  local end=$(date +%s.%N)
  rm -f "$WORK/sampling"; wait "$sampler"
  local peak=$(sort -n "$WORK/samples" | tail -1)
  local codes=$(sort "$WORK/codes" | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')
  sleep 5
  printf '%-5s callers: %s requests in %.1f s, answers %s| RSS peak %s MB, 5 s after %s MB\n' \
    "$1" "$BURST" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$codes" "$peak" "$(rss)"
}

echo "RSS before: $(rss) MB (pid $PID, $(nproc) cores)"
burst one
burst many
burst many
