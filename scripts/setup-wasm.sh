#!/usr/bin/env bash
# Installs what building and testing the npm package needs on a fresh machine. Idempotent:
# each step checks first.
#   - the wasm32-unknown-unknown target;
#   - wasm-pack, and the wasm-bindgen CLI of exactly the version Cargo.toml pins (wasm-pack
#     cannot download it here; built without TLS, which the local test runner does not use);
#   - Debian's chromium and chromium-driver (browser tests; never a downloaded browser), unless
#     --no-browser (make demo);
#   - the npm packages (binaryen's working wasm-opt, playwright-core, typescript, morphdom, and
#     the libraries `make bench` compares with: markdown-it, markdown-it-footnote, DOMPurify,
#     markdown-wasm).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "setup: installing wasm-pack"
  cargo install wasm-pack --locked --version 0.15.1 || cargo install wasm-pack --version 0.15.1
fi

bindgen_version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --no-default-features --force
fi

if [ "${1:-}" != --no-browser ] \
  && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  echo "setup: installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

missing_npm=0
for package in playwright-core typescript morphdom markdown-it markdown-it-footnote dompurify \
  markdown-wasm; do
  [ -d "node_modules/$package" ] || missing_npm=1
done
if [ ! -x node_modules/binaryen/bin/wasm-opt ] || [ "$missing_npm" = 1 ]; then
  echo "setup: installing the npm dev dependencies"
  npm ci --no-audit --no-fund
fi
