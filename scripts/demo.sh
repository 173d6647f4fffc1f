#!/usr/bin/env bash
# Runs the demo: the local Microsoft Graph on 127.0.0.1:8787 and `trunk serve` on
# http://127.0.0.1:8080. Ctrl-C stops both. Honours CARGO_TARGET_DIR; stops with a message if
# either port is taken; starts the dev server only once the local Graph answers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GRAPH_PORT=8787
PAGE_PORT=8080

# Something already answering on a port would take the demo's requests: say so, and stop.
for port in $GRAPH_PORT $PAGE_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "scripts/demo.sh: port $port on 127.0.0.1 is already in use (another demo, or another local server)." >&2
    echo "Stop whatever listens there (e.g. \`fuser -k $port/tcp\`), then run bash scripts/demo.sh again." >&2
    exit 1
  fi
done

source scripts/setup.sh

cargo build --release -p graph-emulator
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
log=$(mktemp)
"$target_dir/release/graph-emulator" --port "$GRAPH_PORT" > "$log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -f "$log"' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 100); do
  grep -q "listening on" "$log" && break
  kill -0 $emulator 2>/dev/null || break
  sleep 0.1
done
if ! grep -q "listening on" "$log"; then
  echo "scripts/demo.sh: the local Graph did not start:" >&2
  cat "$log" >&2
  exit 1
fi
echo "local Graph ready: $(head -1 "$log" | grep -o 'http://[^ ]*')"
tail -n +2 -f "$log" &

echo
echo "Open http://127.0.0.1:$PAGE_PORT (the page signs in as the local Graph's demo user)."
trunk serve --port "$PAGE_PORT"
