#!/usr/bin/env bash
# Installs what building and running Les Démineurs needs, once: each step
# checks first, so a second run takes seconds. Tools live outside the clone
# (~/.cache/demineurs-tools) so every clone reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${DEMINEURS_TOOLS:-$HOME/.cache/demineurs-tools}"
CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0
SASS_VERSION=1.108.2
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

command -v cargo >/dev/null || { echo "Rust is missing: install rustup from https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are missing: apt-get install nodejs npm" >&2; exit 1; }

# rust-toolchain.toml pins the toolchain and the wasm target; rustup installs them on first use.
if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes, once per machine)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  step "installing wasm-bindgen-cli $WB_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! { wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}" && sass --version 2>/dev/null | grep -q "$SASS_VERSION"; }; then
  step "installing wasm-opt (binaryen $BINARYEN_VERSION) and sass $SASS_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"demineurs-tools","private":true}' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" "sass@$SASS_VERSION"
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
  cargo clean -q -p app -p server -p frontend 2>/dev/null || true
  cargo clean -q -p app -p server -p frontend --release 2>/dev/null || true
  cargo clean -q -p app -p frontend --target wasm32-unknown-unknown 2>/dev/null || true
  cargo clean -q -p app -p frontend --profile wasm-release --target wasm32-unknown-unknown \
    --target-dir "$TARGET/front" 2>/dev/null || true
  rm -f "$TARGET/release/demineurs" "$TARGET/release/hash.txt"
fi
mkdir -p "$TARGET" && echo "$PWD" >"$TARGET/.checkout"
