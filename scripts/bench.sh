#!/usr/bin/env bash
# The benchmark: builds the release bundle and prints size, time to interactive against a
# hand-written baseline, memory, keystroke cost and submit overhead; JSON in target/bench.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test
trunk build --release
cargo build -p graph-emulator
node bench/bench.mjs
