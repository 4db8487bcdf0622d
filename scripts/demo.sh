#!/usr/bin/env bash
# `make demo`: installs what is missing (wasm toolchain, npm packages), builds the npm
# package, and serves the demo editor (www/) on http://127.0.0.1:$PORT/ (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-wasm.sh --no-browser
scripts/build-pkg.sh
exec node scripts/serve.mjs
