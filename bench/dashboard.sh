#!/usr/bin/env bash
# The dashboard at scale (app/examples/dashboard_bench.rs): 2,000 people,
# 10,000 ideas, 200,000 contributions generated, then each section read as
# a lead, p50/p95 per section, SQLite then PostgreSQL. Reports figures.
#   make bench-dashboard        (or bench/dashboard.sh [reads per section])
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
export PATH="$HOME/.cargo/bin:$PATH"
export DEMINEURS_TEST_PG_URL="${DEMINEURS_TEST_PG_URL:-postgres://demineurs_test:demineurs_test@127.0.0.1:5432/postgres}"
scripts/setup-test.sh >/dev/null
cargo run -q --release -p app --features testing --example dashboard_bench -- "${1:-20}"
