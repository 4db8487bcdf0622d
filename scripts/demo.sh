#!/usr/bin/env bash
# `make demo`: installs what is missing (the wasm32 target, the pinned wasm-bindgen CLI, npm
# packages), builds the npm package with the quick `demo` profile (scripts/build-pkg.sh: no LTO,
# no wasm-opt; `make pkg` builds the published one), and serves the demo editor (www/) on
# http://127.0.0.1:$PORT/ (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-wasm.sh --build-only
scripts/build-pkg.sh demo
node scripts/build-demo.mjs
exec node scripts/serve.mjs
