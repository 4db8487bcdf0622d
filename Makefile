# One target per everyday task. `make help` lists them.
SHARED ?= ../shared
PORT ?= 8080
export SHARED PORT

.PHONY: help demo test setup-test build lint fmt unit differential bench snapshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

demo: ## Render the sample post and serve the preview on http://127.0.0.1:$(PORT)/
	scripts/demo.sh

test: setup-test lint unit differential ## Every test (installs what it needs first)

setup-test: ## Install test prerequisites (Hugo for the differential tests, rustfmt, clippy)
	scripts/setup-test.sh

build: ## Build the library and the CLI (release)
	cargo build --release

lint: ## cargo fmt --check and clippy with warnings as errors
	cargo fmt --all -- --check
	cargo clippy --all-targets --quiet -- -D warnings

fmt: ## Format the code
	cargo fmt --all

unit: ## Rust tests: unit, per-stage, sample snapshot, CLI
	cargo test

differential: ## Compare with the real Hugo on the fixture posts; prints the match rate
	python3 tests/differential/run.py

bench: ## Native render time of the sample and of ten copies of it
	cargo run --release --example bench

snapshots: ## Rewrite the snapshot files after a reviewed change
	UPDATE_SNAPSHOTS=1 cargo test

clean: ## Remove build output
	cargo clean
