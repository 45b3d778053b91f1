# Kefu Assist. The README's two commands: `make run` and `make test`. Each sets up what is
# missing first (scripts/setup.sh, idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export GECKODRIVER ?= $(CARGO_BIN)/geckodriver
PORT ?= 8080
WASM_PKG := target/wasm-pkg

.PHONY: run test setup build wasm fixtures test-native eval test-js test-wasm test-e2e lint bench clean

## Build everything and serve the demo workbench on http://127.0.0.1:$(PORT)/
run: build
	node scripts/serve.mjs --port $(PORT)

## Every test: native Rust, the content scripts' pure parts, wasm in headless Chromium and
## Firefox, end to end in both, lint (web-ext, and the extension's JS type-checked)
test: build test-native eval test-js test-wasm test-e2e lint

setup:
	@scripts/setup.sh

## The wasm module (wasm-pack, wasm-opt from npm binaryen) and dist/extension, dist/www
build: setup wasm
	node scripts/build.mjs

## Two modules from one crate: the panel's (kefu, also the benchmarks') and the options page's
## (kefu_options), so the panel the chat page waits for carries none of the options page's code.
wasm:
	wasm-pack build --target web --release --mode no-install --no-pack --out-dir $(WASM_PKG) --out-name kefu -- --no-default-features --features panel
	wasm-pack build --target web --release --mode no-install --no-pack --out-dir $(WASM_PKG)-options --out-name kefu_options -- --no-default-features --features options

test-native: setup
	cargo test

## The classifier on our own dev set and on real Taobao buyer turns (../shared/eval/, a dev set:
## measured, never trained on), read alone and after the agent's message. Each floor sits just
## under the worst of three training seeds (the shipped one and KEFU_TRAIN=seed=1, 2) on the same
## corpus (dev 96.6-97.1, real alone 80.5-81.6, in context 76.8-77.8 %): a change that loses more than the luck of a draw
## fails the build, a harmless one does not. The overlap guard fails when a training turn repeats
## a real dev turn.
EVAL_REAL := ../shared/eval/real-taobao.jsonl
eval: setup
	cargo run -q --bin kefu -- eval data/corpus/dev.jsonl --floor 0.96
	@if [ -f $(EVAL_REAL) ]; then \
	  cargo run -q --bin kefu -- eval $(EVAL_REAL) --floor 0.79 && \
	  cargo run -q --bin kefu -- eval $(EVAL_REAL) --context --floor 0.75 && \
	  cargo run -q --bin kefu -- overlap $(EVAL_REAL) data/corpus/train-*.jsonl; \
	else echo "eval: $(EVAL_REAL) is not here: it comes with the project's shared folder beside this checkout (CI has it); not measured"; fi

test-js: setup
	node --test tests/content/

test-wasm: setup
	wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install
	wasm-pack test --headless --firefox --geckodriver $(GECKODRIVER) --mode no-install

## The platform and editor test pages (tests/fixtures/), bundled from the real npm packages
fixtures: setup
	node scripts/build-fixtures.mjs

test-e2e: build fixtures
	node --test --test-concurrency=1 tests/e2e/

lint: build
	cargo clippy --all-targets --locked -q -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --locked -q -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --locked -q --no-default-features --features panel -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --locked -q --no-default-features --features options -- -D warnings
	tsc -p extension
	web-ext lint --source-dir dist/store/firefox --warnings-as-errors

## A benchmark, not a test (asserts nothing): classify time per buyer turn, native and wasm in
## headless Chromium, and the wasm size; ends with a summary table; a notes import refusing a
## 1 MB file whose entries are all bad; the content script's watcher on a busy 2,000-message page
## with the built extension (CPU, message-to-panel latency, long tasks, heap); then a side-by-side with
## fastText trained on the same files (scripts/bench-fasttext.sh: its own venv, skipped where it
## cannot be installed)
bench: build
	mkdir -p target/bench
	cargo bench --bench classify | tee target/bench/native.txt
	node scripts/bench-wasm.mjs --native target/bench/native.txt
	cargo bench --bench import
	node scripts/bench-watch.mjs
	scripts/bench-fasttext.sh

## Fuzz the parsers and the assistant (fuzz/, cargo-fuzz on stable): every target for
## FUZZ_SECONDS (default 600) each, crash inputs to fuzz/regressions/. Not part of `make test`.
.PHONY: fuzz
fuzz:
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),600)

clean:
	rm -rf dist target/wasm-pkg target/wasm-pkg-options target/e2e target/fixtures
