#!/usr/bin/env bash
# The long fuzz run: every property of tests/fuzz.rs with FUZZ_CASES cases each (default
# 40000; proptest reads PROPTEST_CASES because the suite's config starts from
# ProptestConfig::default()), in release mode. `cargo test` runs the same properties with 256.
#
#   scripts/fuzz.sh                 # ≥ 1,000,000 cases in all
#   FUZZ_CASES=1000 scripts/fuzz.sh # a quick look
#
# Honours CARGO_TARGET_DIR (default: the normal target dir). On a failure proptest prints the
# minimal failing input; nothing is written to the tree.
set -euo pipefail
cd "$(dirname "$0")/.."

cases="${FUZZ_CASES:-40000}"
case "$cases" in
  '' | *[!0-9]*) echo "fuzz: FUZZ_CASES must be a whole number, not '$cases'" >&2; exit 2 ;;
esac

with_commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

build_start=$(date +%s)
cargo test --release --test fuzz --no-run
build_s=$(( $(date +%s) - build_start ))

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
set +e
PROPTEST_CASES="$cases" cargo test --release --test fuzz 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - start ))

# Every test in tests/fuzz.rs is a property, so the properties run are the tests passed.
properties=$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed;.*/\1/p' "$log" | tail -n 1)
properties=${properties:-0}
total=$(( cases * properties ))
if [ "$code" -ne 0 ]; then
  echo "fuzz: FAILED after $elapsed s ($(with_commas "$total") cases in the $properties properties that passed)" >&2
  exit "$code"
fi
echo "fuzz: $(with_commas "$total") cases ($properties properties × $(with_commas "$cases")) in $elapsed s (release build $build_s s)"
