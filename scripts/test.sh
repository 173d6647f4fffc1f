#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit tests (component logic, the Graph emulator
# over real HTTP, the SSR example), the component in headless Chromium and Firefox (wasm-bindgen-test), the
# Leptos door (the example app's wasm-bindgen test against the local Graph), the hydrate build,
# the release bundle and its size budget, the npm package, and end-to-end and accessibility
# tests against the built page, README's snippets, the npm package in a Vite app and the local
# Graph (Playwright, axe-core), and a cross-engine part in Firefox ESR and WebKitGTK (WebDriver).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test

wasm_test() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown "$@"
}

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32) -D warnings; no function in src/ over 60 lines (clippy.toml)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p graph-change-password --all-targets -- -D warnings -D clippy::too_many_lines
cargo clippy -p graph-change-password --features js --target wasm32-unknown-unknown --all-targets -- -D warnings -D clippy::too_many_lines

step "the Leptos door without its stylesheet (default-features = false) builds"
cargo check -p graph-change-password --no-default-features --target wasm32-unknown-unknown --lib

step "native tests: the model, policy, request, outcome, strings, config, README and index.d.ts held to the tables; the emulator over HTTP; SSR"
cargo test --workspace
cargo test -p leptos-ssr-example --features ssr

step "component in headless Chromium (wasm-bindgen-test)"
wasm_test -p graph-change-password --features js --test web

step "component in headless Firefox ESR (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner GECKODRIVER="$(command -v geckodriver)" \
  cargo test --target wasm32-unknown-unknown -p graph-change-password --features js --test web

step "the Leptos door: examples/leptos-csr against the local Graph; examples/leptos-ssr for hydrate"
cargo build -p graph-emulator
target/debug/graph-emulator --port 0 > target/emulator-for-wasm-tests.log 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" target/emulator-for-wasm-tests.log && break
  kill -0 $emulator 2>/dev/null || break
  sleep 0.1
done
grep -q "listening on" target/emulator-for-wasm-tests.log \
  || { echo "the local Graph did not start:"; cat target/emulator-for-wasm-tests.log; exit 1; }
GCP_TEST_GRAPH=$(head -1 target/emulator-for-wasm-tests.log | grep -o 'http://127.0.0.1:[0-9]*/v1.0') \
  wasm_test -p leptos-csr-example --test web
kill $emulator
cargo build -p leptos-ssr-example --features hydrate --target wasm32-unknown-unknown --lib

step "release build (trunk build --release) and its size budget; the npm package"
trunk build --release
node bench/size-budget.mjs
bash scripts/package.sh

step "end-to-end in Chromium against dist/, the npm package, the packaged crate and the local Graph; axe-core"
node --test --test-concurrency=1 e2e/*.test.mjs

step "end-to-end in Firefox ESR and WebKitGTK (WebDriver) against dist/ and the local Graph; axe in Firefox"
node --test --test-concurrency=1 e2e/engines/*.test.mjs
