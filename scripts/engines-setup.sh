#!/usr/bin/env bash
# Installs what the cross-engine end-to-end tests (e2e/engines/) need, skipping what is there:
# Firefox ESR, WebKitGTK's WebDriver (with MiniBrowser), Xvfb and xauth from Debian, and
# geckodriver from crates.io. selenium-webdriver comes with `npm ci` (package.json).
# Run or source it; idempotent.
set -euo pipefail

GECKODRIVER_VERSION=0.37.1
export PATH="$HOME/.cargo/bin:$PATH"

engines_step() { printf '\n== %s\n' "$*"; }

if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v Xvfb >/dev/null || ! command -v xauth >/dev/null; then
  engines_step "installing Debian's firefox-esr, webkit2gtk-driver, xvfb and xauth"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    firefox-esr webkit2gtk-driver xvfb xauth
fi

if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  engines_step "installing geckodriver $GECKODRIVER_VERSION (takes a few minutes once)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION" \
    || cargo install geckodriver --version "$GECKODRIVER_VERSION"
fi
