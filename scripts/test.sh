#!/usr/bin/env bash
# Every check and test, ending with one summary line. Run through `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-test.sh

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$HOME/.cache/demineurs-tools/node_modules/.bin:$PATH"
export DEMINEURS_TEST_PG_URL="${DEMINEURS_TEST_PG_URL:-postgres://demineurs_test:demineurs_test@127.0.0.1:5432/postgres}"
export CARGO_TERM_COLOR=never
# A free port, so that nothing already listening can answer in our place.
PORT="${E2E_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "clippy, server build (ssr)"
cargo clippy -p app --features ssr,testing --all-targets -- -D warnings
cargo clippy -p server --all-targets -- -D warnings
step "clippy, browser build (hydrate, wasm32)"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "removing test databases of earlier runs"
psql "$DEMINEURS_TEST_PG_URL" -tAc "SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
  WHERE d.datname LIKE 't\_%' AND r.rolname = current_user" |
  while read -r db; do psql "$DEMINEURS_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"; done
rm -rf "${TMPDIR:-/tmp}/demineurs-tests"

step "Rust tests: domain, services on SQLite and PostgreSQL, HTTP"
# `set +e` around each tee: with pipefail, a failure would otherwise stop
# the script before it says what failed.
set +e
{
  cargo test -p app --features testing 2>&1
  # One test at a time: each test serves the app from its own Tokio runtime,
  # and run side by side, a page request rarely never got its response (about
  # one run in 20 of tests/ideas.rs; never in 120 runs one at a time, nor
  # against the served app, one runtime, under wrk). Seconds either way.
  cargo test -p server -- --test-threads=1 2>&1
} | tee "$WORK/rust.log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "Rust tests failed" >&2; exit 1; }
grep -q '^test result: FAILED' "$WORK/rust.log" && { echo "Rust tests failed" >&2; exit 1; }

step "release build (cargo leptos build --release --precompress)"
cargo leptos build --release --precompress
BIN="$CARGO_TARGET_DIR/release/demineurs"
ls -l target/site/pkg

step "starting the release server on 127.0.0.1:$PORT (fresh SQLite, an administrator made by create-admin)"
export E2E_ADMIN_EMAIL="admin@e2e.test" E2E_ADMIN_PASSWORD="e2e admin password"
DATABASE_URL="sqlite://$WORK/e2e.db?mode=rwc" DEMINEURS_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" \
  "$BIN" create-admin --organisation "Organisation de test" --name "Admin E2E" --email "$E2E_ADMIN_EMAIL"
DATABASE_URL="sqlite://$WORK/e2e.db?mode=rwc" DEMINEURS_BIND="127.0.0.1:$PORT" \
  DEMINEURS_PUBLIC_URL="http://127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site RUST_LOG="info,tower_http=debug" \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/server.log"; exit 1; }
kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited:" >&2; cat "$WORK/server.log" >&2; exit 1; }
"$BIN" routes >end2end/routes.json
(cd end2end && node seed.mjs "http://127.0.0.1:$PORT")

step "browser tests: Playwright in Debian's Chromium, desktop and phone, JavaScript on and off, axe-core"
mkdir -p "$WORK/logs"
set +e
(cd end2end && BASE_URL="http://127.0.0.1:$PORT" DEMINEURS_BIN="$BIN" LEPTOS_SITE_ROOT="$PWD/../target/site" E2E_LOG_DIR="$WORK/logs" \
  npx playwright test) 2>&1 | tee "$WORK/e2e.log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "browser tests failed; server log:" >&2; tail -50 "$WORK/server.log" >&2; exit 1; }

step "logs of the whole run: no e-mail address, password, cookie or token"
scripts/scan-logs.sh --self-test
scripts/scan-logs.sh "$WORK/rust.log" "$WORK/server.log" "$WORK"/logs/*.log

step "page-weight budgets (EcoIndex, first load, repeat visit)"
(cd end2end && node budgets.mjs "http://127.0.0.1:$PORT")

# One line to sum it up: unit tests, tests on each database, browser tests.
read -r unit sqlite pg < <(awk '
  /^     Running unittests/ { kind = "unit" }
  /^     Running tests\//   { kind = "integration" }
  /^test .* \.\.\. ok$/ {
    if ($2 ~ /postgres/) pg++
    else if (kind == "unit") unit++
    else sqlite++
  }
  END { print unit + 0, sqlite + 0, pg + 0 }' "$WORK/rust.log")
browser=$(grep -Eo '[0-9]+ passed' "$WORK/e2e.log" | tail -1 | grep -Eo '[0-9]+')
echo
echo "SUMMARY: all checks passed: $sqlite tests on SQLite, $pg on PostgreSQL, $browser in the browser (Chromium), plus $unit unit tests; budgets held"
