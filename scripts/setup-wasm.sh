#!/usr/bin/env bash
# Installs what building and testing the npm package needs on a fresh machine. Idempotent:
# each step checks first.
#   - the wasm32-unknown-unknown target;
#   - the wasm-bindgen CLI of exactly the version Cargo.toml pins (scripts/build-pkg.sh runs it;
#     built without TLS, which the local test runner does not use);
#   - wasm-pack (`make wasm-test` runs `wasm-pack test`), Debian's chromium and chromium-driver
#     (browser tests; never a downloaded browser), unless --build-only (`make demo`, `make
#     bench-hostile`: building the package needs neither);
#   - the npm packages (binaryen's working wasm-opt, playwright-core, typescript, morphdom,
#     esbuild and CodeMirror 6 for the demo editor, Decap CMS (decap-cms-app, React) for the
#     demo's CMS page and Sveltia CMS for the CMS preview's tests, and
#     the libraries `make bench` compares with: markdown-it, markdown-it-footnote, DOMPurify,
#     markdown-wasm).
#
#   scripts/setup-wasm.sh [--build-only]
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
[ "${1:-}" = --build-only ] && build_only=1

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

bindgen_version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen_version"
  # Built from source (no prebuilt binary can be downloaded here): about 230 s of CPU, the
  # larger half of a fresh `make demo`. (Building it at opt-level 1 without LTO saved only
  # about 10 %, measured 2026-12-06, so it is built as its authors set it.)
  cargo install wasm-bindgen-cli --version "$bindgen_version" --no-default-features --force
fi

if [ "$build_only" = 0 ] && ! command -v wasm-pack >/dev/null 2>&1; then
  echo "setup: installing wasm-pack"
  cargo install wasm-pack --locked --version 0.15.1 || cargo install wasm-pack --version 0.15.1
fi

if [ "$build_only" = 0 ] \
  && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  echo "setup: installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

missing_npm=0
for package in playwright-core typescript morphdom esbuild @codemirror/view @codemirror/lang-markdown \
  decap-cms-app react react-dom @sveltia/cms markdown-it markdown-it-footnote dompurify \
  markdown-wasm; do
  [ -d "node_modules/$package" ] || missing_npm=1
done
if [ ! -x node_modules/binaryen/bin/wasm-opt ] || [ "$missing_npm" = 1 ]; then
  echo "setup: installing the npm dev dependencies"
  npm ci --no-audit --no-fund
fi
