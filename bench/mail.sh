#!/usr/bin/env bash
# The outbox's throughput to a local SMTP server (app/examples/outbox_bench.rs):
# messages/s with one sender and with two at once, SQLite then PostgreSQL.
# Reports figures; asserts only that every message arrived once.
#   make bench-mail        (or bench/mail.sh [messages])
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$PATH"
export DEMINEURS_TEST_PG_URL="${DEMINEURS_TEST_PG_URL:-postgres://demineurs_test:demineurs_test@127.0.0.1:5432/postgres}"
scripts/setup-test.sh >/dev/null
cargo run -q --release -p app --features testing --example outbox_bench -- "${1:-500}"
