#!/usr/bin/env bash
# Installs sigstore-js (npm `sigstore`, `@sigstore/verify`, `@sigstore/mock` and what the test scripts require) into
# ~/.cache/faros/sigstore-js when missing or when the pinned versions change. The signing tests run small node
# scripts against it for interop (tests/Faros.Signing.Tests/SigstoreJs).
set -euo pipefail
prefix="${FAROS_CACHE:-$HOME/.cache/faros}/sigstore-js"
packages="sigstore@4.1.1 @sigstore/sign@4.1.1 @sigstore/verify@3.1.1 @sigstore/mock@0.12.1 @sigstore/bundle@4.0.0 @sigstore/protobuf-specs@0.5.2"
stamp="$prefix/.installed"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$packages" ]; then
  echo "sigstore-js: $prefix/node_modules"
  exit 0
fi
command -v npm >/dev/null || { echo "sigstore-js needs Node.js and npm (Debian packages nodejs npm)." >&2; exit 1; }
echo "sigstore-js: installing npm packages $packages into $prefix"
mkdir -p "$prefix"
# shellcheck disable=SC2086 # the list is split into package arguments on purpose
npm install --prefix "$prefix" --save-exact --no-audit --no-fund --loglevel=error $packages >/dev/null
printf '%s' "$packages" > "$stamp"
echo "sigstore-js: $prefix/node_modules"
