#!/usr/bin/env bash
# Installs what building and running Les Démineurs needs, once: each step
# checks first, so a second run takes seconds. Tools live outside the clone
# (~/.cache/demineurs-tools) so every clone reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${DEMINEURS_TOOLS:-$HOME/.cache/demineurs-tools}"
BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.25.12
LIGHTNINGCSS_CLI_VERSION=1.33.0
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

command -v cargo >/dev/null || { echo "Rust is missing: install rustup from https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are missing: apt-get install nodejs npm" >&2; exit 1; }

# rust-toolchain.toml pins the toolchain and the wasm target; rustup installs them on first use.
if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The site is built by the workspace's own `xtask` crate (`cargo xtask build`):
# no build tool to compile first. It runs three prebuilt tools from npm.
if ! { wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}" &&
  esbuild --version 2>/dev/null | grep -qx "$ESBUILD_VERSION" &&
  [ -x "$TOOLS/node_modules/.bin/lightningcss" ] &&
  grep -q "\"version\": \"$LIGHTNINGCSS_CLI_VERSION\"" "$TOOLS/node_modules/lightningcss-cli/package.json" 2>/dev/null; }; then
  step "installing wasm-opt (binaryen $BINARYEN_VERSION), esbuild $ESBUILD_VERSION and lightningcss-cli $LIGHTNINGCSS_CLI_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"demineurs-tools","private":true}' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund \
    "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION" "lightningcss-cli@$LIGHTNINGCSS_CLI_VERSION"
fi

# The build cache outside the clone is shared by every checkout, and cargo
# decides freshness from the source paths it last built: a cache last used
# by another checkout could hand back its binaries. When the checkout
# changes, drop this workspace's own artifacts (the registry dependencies
# stay): speed from the cache, never correctness.
TARGET="${CARGO_TARGET_DIR:-$HOME/.cache/demineurs-target}"
if [ -d "$TARGET" ] && [ "$(cat "$TARGET/.checkout" 2>/dev/null)" != "$PWD" ]; then
  step "build cache last used by another checkout: rebuilding this workspace's crates"
  export CARGO_TARGET_DIR="$TARGET"
  cargo clean -q -p app -p server -p frontend -p xtask 2>/dev/null || true
  cargo clean -q -p app -p server -p frontend -p xtask --release 2>/dev/null || true
  cargo clean -q -p app -p frontend --target wasm32-unknown-unknown 2>/dev/null || true
  cargo clean -q -p app -p frontend --profile wasm-release --target wasm32-unknown-unknown \
    --target-dir "$TARGET/front" 2>/dev/null || true
  rm -f "$TARGET/release/demineurs" "$TARGET/release/hash.txt"
fi
mkdir -p "$TARGET" && echo "$PWD" >"$TARGET/.checkout"
