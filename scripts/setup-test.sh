#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine. Idempotent: each step checks first.
set -euo pipefail

# The differential tests compare with the real Hugo (Debian's package: 0.111.3).
if ! command -v hugo >/dev/null 2>&1; then
  echo "setup: installing hugo (Debian package) for the differential tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq hugo >/dev/null
fi

# cargo fmt and clippy run as part of the tests.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    rustup component add "$component"
  fi
done

# The WebAssembly package: wasm32 target, wasm-pack, wasm-bindgen CLI, Chromium, npm tools.
"$(dirname "$0")/setup-wasm.sh"
