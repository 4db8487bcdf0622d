#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer, AddressSanitizer): the whole render with arbitrary
# options, the shortcode lexer and tree, the template engine, front matter.
#
#   scripts/fuzz.sh SECONDS      each target for SECONDS (make fuzz: 300; make fuzz-smoke: 15)
#
# This machine has only the stable toolchain; RUSTC_BOOTSTRAP=1 lets it take the -Z flags
# that cargo-fuzz passes. Seeds come from the sample post, the shared corpora and earlier
# findings.
#
# Each run starts with an empty fuzz/artifacts/, so a crash found (and fixed) before cannot
# fail it. A new crash, timeout or out-of-memory input is copied into the regression folder,
# tests/fixtures/fuzz-regressions/, as TARGET-crash-HASH (tests/hostile.rs replays every file
# there as its target ran it, so `cargo test` fails until the bug is fixed); commit it with
# the fix. The run goes on with the other targets and fails at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shared="${SHARED:-../shared}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
targets="render shortcode_lexer template front_matter"
regressions=tests/fixtures/fuzz-regressions
rm -rf fuzz/artifacts
for target in $targets; do
  mkdir -p "fuzz/corpus/$target"
  # Earlier findings seed their own target (files without a target's prefix: render).
  for finding in "$regressions/$target"-*; do
    [ -f "$finding" ] || continue
    cp "$finding" "fuzz/corpus/$target/"
  done
done
cp "$shared/samples/facebook-down.md" fuzz/corpus/render/sample.md
for finding in "$regressions"/*; do
  [ -f "$finding" ] || continue
  case "$(basename "$finding")" in
    README.md | render-* | shortcode_lexer-* | template-* | front_matter-*) ;;
    *) cp "$finding" fuzz/corpus/render/ ;;
  esac
done
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
failed=0
for target in $targets; do
  echo "fuzz: $target for ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 2>&1 | grep -E "^(Done|stat::number_of_executed_units)|SUMMARY|panicked|ERROR" || true
  for artifact in "fuzz/artifacts/$target"/*; do
    [ -f "$artifact" ] || continue
    kept="$regressions/$target-$(basename "$artifact")"
    cp "$artifact" "$kept"
    echo "fuzz: $target failed on an input, kept as $kept" >&2
    echo "fuzz:   reproduce: cargo test --test hostile fuzz_findings_render" >&2
    echo "fuzz:   fix it, and commit that file with the fix" >&2
    failed=1
  done
done
exit "$failed"
