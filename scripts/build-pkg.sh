#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm-bindgen output for browsers without a bundler
# (pkg/web), bundlers (pkg/bundler) and Node (pkg/node), sharing one optimized .wasm, the
# highlighter module (pkg/highlight), and the hand-written wrapper, types and package.json
# from js/.
#
#   scripts/build-pkg.sh [release|demo|dev]
#
# release: the published package (cargo's release profile: fat LTO; wasm-opt -Os for the core,
# -O3 for the highlighter).
# demo: what `make demo` serves, built in a fraction of the time (cargo's `demo` profile: no
# LTO, parallel code generation; no wasm-opt): the same code and glue, a larger and somewhat
# slower module. dev: unoptimized, with wasm-bindgen's debug glue.
#
# Cargo and the pinned wasm-bindgen CLI are called directly (as wasm-pack would call them:
# `cargo build --lib --target wasm32-unknown-unknown`, then `wasm-bindgen --typescript --target
# T --out-name N`), so building needs no wasm-pack (only `make wasm-test` does).
#
# wasm-opt: Debian's binaryen (108) produces modules that fail to instantiate, so the npm
# package binaryen's wasm-opt runs (installed by scripts/setup-wasm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
wasm_opt="node_modules/binaryen/bin/wasm-opt"
case "$profile" in
  release) cargo_profile=release; out_dir=release; bindgen_flags=() ;;
  demo) cargo_profile=demo; out_dir=demo; bindgen_flags=() ;;
  dev) cargo_profile=dev; out_dir=debug; bindgen_flags=(--debug) ;;
  *) echo "usage: scripts/build-pkg.sh [release|demo|dev]" >&2; exit 2 ;;
esac
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
built="$target_dir/wasm32-unknown-unknown/$out_dir"

# The core without the default features: `emoji`'s tables do not fit the package's size
# budget, and `highlight` is the second module rather than linked in. The highlighter is
# built by a cargo run of its own, as wasm-pack did: in one run the two crates' features of
# shared dependencies would unify, and the core's module would not be the one measured.
cargo build --lib --target wasm32-unknown-unknown --profile "$cargo_profile" -p hugo-preview \
  --no-default-features
cargo build --lib --target wasm32-unknown-unknown --profile "$cargo_profile" -p hugo-preview-highlight
cargo build --lib --target wasm32-unknown-unknown --profile "$cargo_profile" -p hugo-preview-qr

rm -rf pkg
mkdir -p pkg
for target in web bundler nodejs; do
  dir="${target/nodejs/node}"
  wasm-bindgen "$built/hugo_preview.wasm" --out-dir "pkg/$dir" --typescript --target "$target" \
    --out-name hugo_preview "${bindgen_flags[@]}"
done
# The three builds' modules are the same bytes (only the JS glue differs), so the package ships
# one, in bundler/: that build imports it as an ES module, and the module's imports name
# `./hugo_preview_bg.js`, which a bundler resolves next to the .wasm, so it must live there. The
# web build's default URL and the Node build's file read are pointed at it.
shared_wasm=pkg/bundler/hugo_preview_bg.wasm
for dir in web node; do
  if ! cmp -s "$shared_wasm" "pkg/$dir/hugo_preview_bg.wasm"; then
    echo "build-pkg: pkg/$dir/hugo_preview_bg.wasm differs from $shared_wasm: the package ships one .wasm for its three builds" >&2
    exit 1
  fi
  rm "pkg/$dir/hugo_preview_bg.wasm" "pkg/$dir/hugo_preview_bg.wasm.d.ts"
done
# Replaces, in a glue file, the one place that names the .wasm (failing if it is not there once).
repoint() {
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"build-pkg: expected one `{old}` in {path}: has the wasm-bindgen glue changed?")
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}
repoint pkg/web/hugo_preview.js "new URL('hugo_preview_bg.wasm', import.meta.url)" \
  "new URL('../bundler/hugo_preview_bg.wasm', import.meta.url)"
repoint pkg/node/hugo_preview.js '`${__dirname}/hugo_preview_bg.wasm`' \
  '`${__dirname}/../bundler/hugo_preview_bg.wasm`'
if [ "$profile" = release ]; then
  # The core at -Os: 1.7 KB gzipped smaller than -O3 and as fast (Node, the sample while
  # typing, three alternating runs each: p50 1.84-1.90 ms against 1.78-1.91 ms, 2026-12-06;
  # README, "Package size and speed"). The highlighter at -O3: speed first.
  optimize() {
    # The producers and target-features sections are for tools, not for running the module;
    # --converge (the third argument) repeats the passes while they still shrink it (1 KB
    # gzipped on the core, a minute).
    "$wasm_opt" "$2" ${3:-} --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$1" -o "$1"
  }
  optimize "$shared_wasm" -Os --converge
fi
# The highlighter: its own module, loaded when a page first has code to colour. One build
# (`--target web`: an ES module whose init takes a URL or bytes) serves all three builds.
wasm-bindgen "$built/hugo_preview_highlight.wasm" --out-dir pkg/highlight --typescript \
  --target web --out-name hugo_preview_highlight "${bindgen_flags[@]}"
if [ "$profile" = release ]; then
  # Without --converge: on this module it saves 0.5 KB and costs two minutes of every build.
  optimize pkg/highlight/hugo_preview_highlight_bg.wasm -O3
fi
# KaTeX for `transform.ToMath`: the files Hugo runs (vendor/katex), as one ES module the
# wrappers import when a page first has a formula. The same text as src/math.rs's script():
# the UMD files inside a function whose parameters hide the globals they would set or resolve.
mkdir -p pkg/math
{
  echo '// KaTeX 0.18.4 and its mhchem extension (MIT, see LICENSE), as Hugo runs them for'
  echo '// transform.ToMath; made by scripts/build-pkg.sh from vendor/katex.'
  echo 'var katex = (function (self, exports, module, define, require) {'
  cat vendor/katex/katex.min.js
  printf '\n;\n'
  cat vendor/katex/mhchem.min.js
  printf '\n;\nreturn self.katex;\n})({});\n'
  cat vendor/katex/katex.js
  echo 'export { answer };'
} > pkg/math/katex.js
cp vendor/katex/LICENSE pkg/math/LICENSE
# The `qr` shortcode's encoder: a small module of its own, loaded when a page first has a QR
# code (4.7 KB gzipped that the core's budget does not have). As the highlighter, one build.
wasm-bindgen "$built/hugo_preview_qr.wasm" --out-dir pkg/qr --typescript \
  --target web --out-name hugo_preview_qr "${bindgen_flags[@]}"
if [ "$profile" = release ]; then
  optimize pkg/qr/hugo_preview_qr_bg.wasm -Os
fi
# The Node build is CommonJS inside an ES-module package.
echo '{ "type": "commonjs" }' > pkg/node/package.json

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json > pkg/package.json
cp js/core.js js/web.js js/node.js js/bundler.js js/index.d.ts js/codemirror.js js/codemirror.d.ts \
  js/cms.js js/cms.d.ts pkg/
cp js/README.md pkg/README.md
echo "built pkg/ ($profile, version $version)"
