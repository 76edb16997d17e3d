#!/usr/bin/env bash
# Installs Azurite (npm `azurite`), the Azure Storage emulator, into ~/.cache/faros/azurite when missing.
set -euo pipefail
prefix="${FAROS_CACHE:-$HOME/.cache/faros}/azurite"
if [ -x "$prefix/node_modules/.bin/azurite-blob" ]; then
  echo "Azurite: $prefix/node_modules/.bin/azurite-blob"
  exit 0
fi
command -v npm >/dev/null || { echo "Azurite needs Node.js and npm (Debian packages nodejs npm)." >&2; exit 1; }
echo "Azurite: installing npm package azurite into $prefix"
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error azurite@3 >/dev/null
echo "Azurite: $prefix/node_modules/.bin/azurite-blob"
