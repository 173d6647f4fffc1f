#!/usr/bin/env bash
# The benchmark: builds the component's release bundle and, in the same run and with the same
# Cargo.lock and toolchain, the floor (../shared/floor, the smallest Leptos form that makes the
# same call, copied unedited to a scratch folder); then prints size (raw, gzip, brotli) and time
# to three enabled inputs for the hand-written JS form, the floor and the component, with their
# ratios, plus the component's keystroke and submit costs. JSON in target/bench.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test

floor_src=${FLOOR_SRC:-../shared/floor}
floor=${TMPDIR:-/tmp}/gcp-bench-floor
rm -rf "$floor" && cp -r "$floor_src" "$floor" && chmod -R u+w "$floor"
cp Cargo.lock "$floor/"
root=$PWD
(cd "$floor" && CARGO_TARGET_DIR="$root/target/floor" trunk build --release --dist "$floor/dist")
trunk build --release
cargo build -p graph-emulator
FLOOR_DIST="$floor/dist" node bench/bench.mjs
