#!/usr/bin/env bash
# Fails when a log holds what must never be logged: an e-mail address, a
# password used by the tests, a session cookie or a secret token (256-bit
# tokens are 43 base64url characters). `--self-test` checks that each rule
# catches its case, so that a scan passing says something.
set -euo pipefail

PASSWORDS_FILE="$(dirname "$0")/../end2end/test-passwords.txt"
# One alternation per rule; the setup token is printed on purpose.
EMAIL='[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'
COOKIE='(demineurs_session|__Host-demineurs_session)='
TOKEN='(^|[^A-Za-z0-9_-])[A-Za-z0-9_-]{43}([^A-Za-z0-9_-]|$)'

scan() {
  local found=0
  for rule in "$EMAIL" "$COOKIE" "$TOKEN"; do
    if grep -v -i 'setup token' "$@" | grep -Eq -- "$rule"; then
      echo "log scan: a line matches /$rule/:" >&2
      grep -v -i 'setup token' "$@" | grep -Eh -- "$rule" | head -3 >&2
      found=1
    fi
  done
  if grep -Fiq -f "$PASSWORDS_FILE" "$@"; then
    echo "log scan: a test password appears in the logs" >&2
    found=1
  fi
  return "$found"
}

if [ "${1:-}" = "--self-test" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  echo 'INFO request{method=GET path=/reinitialisation/{token}}: finished' >"$dir/clean.log"
  scan "$dir/clean.log" || { echo "self-test: a clean log was refused" >&2; exit 1; }
  while IFS= read -r bad; do
    printf 'INFO %s\n' "$bad" >"$dir/bad.log"
    if scan "$dir/bad.log" 2>/dev/null; then echo "self-test: missed: $bad" >&2; exit 1; fi
  done <<BAD
login failed for camille.martin@isere.fr
cookie: demineurs_session=abc
GET /reinitialisation/0123456789abcdefghijABCDEFGHIJ0123456789_-x
$(head -1 "$PASSWORDS_FILE")
BAD
  echo "log scan self-test: every rule catches its case"
  exit 0
fi

[ "$#" -gt 0 ] || { echo "usage: $0 LOG... | --self-test" >&2; exit 2; }
scan "$@"
echo "log scan: no e-mail address, password, cookie or token in $# log file(s)"
