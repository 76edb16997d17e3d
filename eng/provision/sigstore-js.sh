#!/usr/bin/env bash
# Installs sigstore-js (npm `sigstore`, `@sigstore/verify`, `@sigstore/mock` and what they need) into
# ~/.cache/faros/sigstore-js when missing. The signing tests run small node scripts against it for interop.
set -euo pipefail
prefix="${FAROS_CACHE:-$HOME/.cache/faros}/sigstore-js"
marker="$prefix/node_modules/@sigstore/mock/package.json"
if [ -f "$marker" ] && [ -f "$prefix/node_modules/sigstore/package.json" ] && [ -f "$prefix/node_modules/@sigstore/verify/package.json" ]; then
  echo "sigstore-js: $prefix/node_modules"
  exit 0
fi
command -v npm >/dev/null || { echo "sigstore-js needs Node.js and npm (Debian packages nodejs npm)." >&2; exit 1; }
echo "sigstore-js: installing npm packages sigstore, @sigstore/verify, @sigstore/mock into $prefix"
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
  sigstore@4 @sigstore/verify @sigstore/mock @sigstore/bundle @sigstore/sign @sigstore/core >/dev/null
echo "sigstore-js: $prefix/node_modules"
