#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit tests (component logic and the Graph
# emulator over real HTTP), the component in headless Chromium (wasm-bindgen-test), the release
# build and its size budget, and end-to-end and accessibility tests against the built page and
# the local Graph (Playwright, axe-core).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32) -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p graph-change-password --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests: policy, request, outcome, strings, config; the emulator over HTTP"
cargo test --workspace

step "component in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p graph-change-password --target wasm32-unknown-unknown --test web

step "release build (trunk build --release) and its size budget"
trunk build --release
node bench/size-budget.mjs

step "end-to-end in Chromium against dist/ and the local Graph, accessibility with axe-core"
cargo build -p graph-emulator
node --test --test-concurrency=1 e2e/
