#!/usr/bin/env bash
# Runs the demo: the local Microsoft Graph on 127.0.0.1:8787 and `trunk serve` on
# http://127.0.0.1:8080. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

cargo build --release -p graph-emulator
target/release/graph-emulator --port 8787 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT INT TERM

echo
echo "Open http://127.0.0.1:8080 (the page signs in as the emulator's demo user)."
trunk serve
