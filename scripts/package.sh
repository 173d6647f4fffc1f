#!/usr/bin/env bash
# Builds the npm package `graph-change-password` from the same release bundle the tests run
# (`trunk build --release`: the element, `mount`, the wasm, the snippets with the locales), adds the
# stylesheet, types and package.json, and packs it: target/npm/graph-change-password-<version>.tgz.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

trunk build --release
out=target/npm/package
rm -rf target/npm && mkdir -p "$out"
cp dist/graph-change-password.js dist/graph-change-password_bg.wasm style/component.css \
   npm/index.d.ts npm/README.md LICENSE "$out/"
cp -r dist/snippets "$out/"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" npm/package.json > "$out/package.json"
(cd target/npm && npm pack ./package --silent)
ls -l target/npm/*.tgz
