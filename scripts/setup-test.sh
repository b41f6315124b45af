#!/usr/bin/env bash
# Installs, once, what the tests need besides the build tools: Debian's
# Chromium, PostgreSQL and brotli, the Playwright packages, aiosmtpd (the
# tests' SMTP server, in a Python virtual environment), and starts
# PostgreSQL with the test role. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v brotli >/dev/null || missing+=(brotli)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# PostgreSQL: the first cluster found, started, with a role for the tests.
cluster=$(pg_lsclusters --no-header | awk 'NR==1 { print $1" "$2 }')
if [ -z "$cluster" ]; then
  step "creating a PostgreSQL cluster"
  $SUDO pg_createcluster 15 main
  cluster="15 main"
fi
if ! pg_lsclusters --no-header | awk 'NR==1 { exit ($4 == "online") ? 0 : 1 }'; then
  step "starting PostgreSQL $cluster"
  $SUDO pg_ctlcluster $cluster start
fi
if ! $SUDO su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='demineurs_test'\"" | grep -q 1; then
  step "creating the PostgreSQL test role"
  $SUDO su postgres -c "psql -q -c \"CREATE ROLE demineurs_test LOGIN CREATEDB PASSWORD 'demineurs_test'\""
fi

# The tests' SMTP server (scripts/smtp-sink.py) runs on aiosmtpd, from PyPI.
VENV="${DEMINEURS_TOOLS:-$HOME/.cache/demineurs-tools}/venv"
if ! "$VENV/bin/python3" -c "import aiosmtpd" 2>/dev/null; then
  step "installing aiosmtpd (the tests' SMTP server) into $VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "aiosmtpd==1.4.6"
fi

if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package.json -nt end2end/node_modules/.package-lock.json ]; then
  step "installing the Playwright and axe-core packages (no browser download)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
