#!/usr/bin/env bash
# Installs what the demo and the tests need, skipping whatever is already there at the right
# version. Sourced by scripts/demo.sh and scripts/test.sh; `setup.sh test` also installs the
# browsers (Chromium, Firefox ESR, WebKitGTK). Versions: see ../shared/TOOLCHAIN.md-style notes in README.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

# Vite 8 (the npm door's test) and the tests' import.meta.dirname need Node.js 20.19 or newer.
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || { echo "Node.js 20.19 or newer is needed (found $(node --version))"; exit 1; }

need_browser=${1:-}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The tests run cargo fmt and clippy; a minimal rustup profile has neither.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen's CLI must match the library in Cargo.lock exactly. Its own lockfile wants a
# crate the registry mirror lacks, so it is installed without --locked.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  step "installing wasm-bindgen-cli $WB_VERSION (takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# Trunk runs offline with the wasm-bindgen its Trunk.toml names: the same version as Cargo.lock's.
for trunk_toml in Trunk.toml e2e/leptos-app/Trunk.toml; do
  grep -q "^wasm_bindgen = \"$WB_VERSION\"$" "$trunk_toml" \
    || { echo "$trunk_toml must name wasm_bindgen = \"$WB_VERSION\" (Cargo.lock's wasm-bindgen)"; exit 1; }
done

# wasm-opt comes from npm's binaryen (Debian's old one breaks the page); Playwright and axe too.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$need_browser" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  step "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
fi

# Fonts for every built-in locale (a new machine has none for Japanese or Chinese, so screenshots
# and position checks would see empty boxes); Arabic is covered by what Chromium brings.
if [ "$need_browser" = test ] && { [ -z "$(fc-list :lang=ja 2>/dev/null)" ] || [ -z "$(fc-list :lang=zh-cn 2>/dev/null)" ]; }; then
  step "installing Debian's fonts-noto-cjk (Japanese and Chinese glyphs)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends fonts-noto-cjk fontconfig
fi

# Firefox ESR, WebKitGTK's driver, Xvfb and geckodriver for the cross-engine tests.
if [ "$need_browser" = test ]; then
  bash scripts/engines-setup.sh
fi

# Trunk builds offline: fetch every crate now, once.
cargo fetch --locked >/dev/null
