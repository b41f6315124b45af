# Les Démineurs: two commands for a newcomer.
#   make run    set up what is missing, build, migrate and serve on http://127.0.0.1:3000 (SQLite)
#   make test   set up what is missing (Chromium, PostgreSQL too) and run every check and test
#   make watch  (developers) rebuild and restart on every change
#
# Builds share a cache outside the clone (speed only: every build still
# compiles this tree from scratch when it changed).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/demineurs-target
TOOLS := $(HOME)/.cache/demineurs-tools
export PATH := $(HOME)/.cargo/bin:$(TOOLS)/node_modules/.bin:$(PATH)
BIN := $(CARGO_TARGET_DIR)/release/demineurs

.PHONY: run demo test build watch bench bench-live bench-screen bench-mail bench-dashboard clean-data

run:
	@scripts/setup.sh
	@$(MAKE) --no-print-directory build
	@echo "Les Démineurs: http://127.0.0.1:3000 (data in $(CURDIR)/data/demineurs.db; stop with Ctrl+C)"
	@if [ -z "$$DEMINEURS_SMTP_URL" ]; then echo "E-mail: no SMTP server set (DEMINEURS_SMTP_URL), so each message is written to $${DEMINEURS_MAIL_DIR:-$(CURDIR)/data/mail} as an .eml file"; fi
	LEPTOS_SITE_ROOT=target/site $(BIN) serve

# As `run`, with the demo organisation seeded first (once: its sign-in is
# printed the first time).
demo:
	@scripts/setup.sh
	@$(MAKE) --no-print-directory build
	@LEPTOS_SITE_ROOT=target/site $(BIN) seed-demo
	@echo "Les Démineurs: http://127.0.0.1:3000 (data in $(CURDIR)/data/demineurs.db; stop with Ctrl+C)"
	LEPTOS_SITE_ROOT=target/site $(BIN) serve

# The site and the server (xtask/: wasm, JS glue, style, assets, hashes,
# precompressed copies, then the release binary).
build:
	cargo xtask build

# The developer's loop: rebuild and restart on every change (debug builds,
# cargo-leptos's watch). Installs cargo-leptos the first time (about 15
# minutes, once per machine); `make run` and `make test` never need it.
watch:
	@scripts/setup.sh
	@scripts/setup-watch.sh
	cargo leptos watch

test:
	@scripts/test.sh

bench:
	@bench/run.sh

# 300 phones on one workshop's event stream, SQLite then PostgreSQL.
bench-live:
	@bench/live.sh

# From a change to the board's and the console's screen, in Chromium.
bench-screen:
	@bench/screen.sh

# The outbox's throughput to a local SMTP server, SQLite then PostgreSQL.
bench-mail:
	@bench/mail.sh

# The dashboard over 10,000 ideas and 200,000 contributions: p50/p95 per section.
bench-dashboard:
	@bench/dashboard.sh

clean-data:
	rm -rf data
