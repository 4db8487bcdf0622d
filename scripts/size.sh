#!/usr/bin/env bash
# `make size`: what the npm package weighs (raw and gzip -9), and what makes up the .wasm
# (twiggy, on the build before wasm-opt, which still has function names).
set -euo pipefail
cd "$(dirname "$0")/.."
report() {
  printf '%-40s %10s %12s\n' "$1" "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)"
}
printf '%-40s %10s %12s\n' file bytes gzipped
for f in pkg/bundler/hugo_preview_bg.wasm pkg/web/hugo_preview.js pkg/bundler/hugo_preview_bg.js \
  pkg/node/hugo_preview.js pkg/core.js pkg/web.js pkg/index.d.ts pkg/web/hugo_preview.d.ts \
  pkg/highlight/hugo_preview_highlight_bg.wasm pkg/highlight/hugo_preview_highlight.js \
  pkg/qr/hugo_preview_qr_bg.wasm pkg/math/katex.js; do
  report "$f"
done
wasm_gz=$(gzip -9c pkg/bundler/hugo_preview_bg.wasm | wc -c)
glue_gz=$(cat pkg/web/hugo_preview.js pkg/core.js pkg/web.js | gzip -9c | wc -c)
# The budget (a decision of the project): the core .wasm at most 880 KB gzipped.
echo "core .wasm: $(( wasm_gz / 1024 )) KB gzipped (${wasm_gz} B); budget 880 KB ($(( 880 * 1024 )) B)"
echo "web build as a browser loads it (wasm + glue + wrapper): $(( (wasm_gz + glue_gz) / 1024 )) KB gzipped"
highlight_gz=$(gzip -9c pkg/highlight/hugo_preview_highlight_bg.wasm | wc -c)
echo "the highlighter module (loaded only for pages with code): $(( highlight_gz / 1024 )) KB gzipped"
echo "KaTeX (only for pages with a formula): $(( $(gzip -9c pkg/math/katex.js | wc -c) / 1024 )) KB gzipped;" \
  "the QR encoder (only for pages with a QR code): $(( $(gzip -9c pkg/qr/hugo_preview_qr_bg.wasm | wc -c) / 1024 )) KB gzipped"
if [ "$wasm_gz" -gt $(( 880 * 1024 )) ]; then
  echo "size: the core .wasm is over its budget" >&2
  exit 1
fi

if ! command -v twiggy >/dev/null 2>&1; then
  echo "size: installing twiggy"
  cargo install twiggy --locked --quiet || cargo install twiggy --quiet
fi
raw=target/wasm32-unknown-unknown/release/hugo_preview.wasm
echo
echo "Largest contributors by crate (twiggy, $raw, before wasm-bindgen and wasm-opt):"
twiggy top -n 100000 --format csv "$raw" | python3 -c '
import csv, re, sys, collections
total = collections.Counter()
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    m = re.match(r"^[<&]*(?:dyn )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::", name)
    total[m.group(1) if m else name.split("\"")[1] if name.startswith("\"") else name[:48]] += size
for name, size in total.most_common(25):
    print(f"{size:>10}  {name}")
'
echo
echo "Largest functions:"
twiggy top -n 15 "$raw" | tail -n +3
