#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer, AddressSanitizer): the whole render with arbitrary
# options, the shortcode lexer and tree, the template engine, front matter.
#
#   scripts/fuzz.sh SECONDS      each target for SECONDS (make fuzz: 300; make fuzz-smoke: 15)
#
# This machine has only the stable toolchain; RUSTC_BOOTSTRAP=1 lets it take the -Z flags
# that cargo-fuzz passes. Seeds come from the sample post and the shared corpora. A crash
# stops the run and leaves its input in fuzz/artifacts/TARGET/: copy it into
# tests/fixtures/fuzz-regressions/ (tests/hostile.rs renders every file there) and fix it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shared="${SHARED:-../shared}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
for target in render shortcode_lexer template front_matter; do
  mkdir -p "fuzz/corpus/$target"
done
cp "$shared/samples/facebook-down.md" fuzz/corpus/render/sample.md
cp tests/fixtures/fuzz-regressions/* fuzz/corpus/render/ 2>/dev/null || true
python3 - "$shared" <<'PY'
import json, os, sys, hashlib
shared = sys.argv[1]
def seed(target, text):
    name = hashlib.sha1(text.encode()).hexdigest()[:16]
    with open(os.path.join("fuzz", "corpus", target, name), "w", encoding="utf-8") as f:
        f.write(text)
for case in json.load(open(os.path.join(shared, "corpus", "crash-regressions.json"))):
    seed("render", case["input"])
for case in json.load(open(os.path.join(shared, "corpus", "hugo-shortcode-vectors.json")))[:200]:
    seed("shortcode_lexer", case["input"])
seed("template", '{{ range $i, $e := .Params }}{{ $i }}={{ $e | safeHTML }}{{ end }}{{ partial "p.html" . }}')
seed("front_matter", '---\na: &a [1, 2]\nb: *a\n---\nbody')
seed("front_matter", '+++\ntitle = "x"\n[[authors]]\nname = "y"\n+++\n')
PY
cargo fuzz build --fuzz-dir fuzz
for target in render shortcode_lexer template front_matter; do
  echo "fuzz: $target for ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 2>&1 | grep -E "^(Done|stat::number_of_executed_units)|SUMMARY|panicked|ERROR" || true
  if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz: $target found a crash: fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
