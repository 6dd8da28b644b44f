#!/usr/bin/env bash
# Installs what the project needs and is missing, at the pinned versions of scripts/versions.env.
# Each install is skipped when the right version is already there, so a second run takes seconds.
#   scripts/setup.sh           tools to build and serve the app
#   scripts/setup.sh --test    also Chromium (end-to-end tests) and PostgreSQL (API tests)
# Network: only the package registries (crates, npm, Debian's apt). Nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/versions.env
source scripts/versions.env
[ -f "$HOME/.cargo/env" ] && source "$HOME/.cargo/env"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }
have_version() { "$1" --version 2>/dev/null | grep -qF "$2"; }

if ! rustup target list --installed | grep -qx "$RUST_WASM_TARGET"; then
  say "adding Rust target $RUST_WASM_TARGET"
  rustup target add "$RUST_WASM_TARGET"
fi

if ! have_version trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 13 minutes the first time)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  # Not --locked: the CLI's own lock file names a crate version the registry lacks.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes the first time)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_CLI_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_CLI_VERSION (about 2 minutes the first time)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_CLI_VERSION" \
    --features build-binary --bin wasm-split-cli
fi

if ! have_version node_modules/.bin/wasm-opt "$WASM_OPT_VERSION" ||
   [ "$(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$PLAYWRIGHT_CORE_VERSION" ] ||
   [ "$(node -p "require('./node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_CORE_VERSION" ] ||
   [ "$(node -p "require('./node_modules/terser/package.json').version" 2>/dev/null)" != "$TERSER_VERSION" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

# The pins must agree (scripts/build-app.sh also checks wasm-bindgen against Cargo.lock).
grep -q "\"binaryen\": \"$BINARYEN_VERSION\"" package.json || { say "package.json binaryen differs from $BINARYEN_VERSION"; exit 1; }
grep -q "\"playwright-core\": \"$PLAYWRIGHT_CORE_VERSION\"" package.json || { say "package.json playwright-core differs from $PLAYWRIGHT_CORE_VERSION"; exit 1; }
grep -q "\"axe-core\": \"$AXE_CORE_VERSION\"" package.json || { say "package.json axe-core differs from $AXE_CORE_VERSION"; exit 1; }
grep -q "\"terser\": \"$TERSER_VERSION\"" package.json || { say "package.json terser differs from $TERSER_VERSION"; exit 1; }
grep -q "wasm-bindgen = \"=$WASM_BINDGEN_VERSION\"" Cargo.toml || { say "Cargo.toml wasm-bindgen differs from =$WASM_BINDGEN_VERSION"; exit 1; }

if [ "${1:-}" = "--test" ] && { [ ! -x /usr/bin/chromium ] || ! command -v pg_virtualenv >/dev/null; }; then
  say "installing Debian's $APT_PACKAGES"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $APT_PACKAGES
fi
say "ready"
