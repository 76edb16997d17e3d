#!/usr/bin/env bash
# Installs Debian's Chromium for the marketplace browser tests (tests/Faros.Marketplace.Tests), which drive
# /usr/bin/chromium through Playwright. Playwright's own browser download is never used: machines here reach
# only the package mirrors. Idempotent: does nothing when Chromium is already installed, and refreshes the apt
# lists only when the package cannot be found without doing so.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    echo "chromium: already installed ($("$CHROMIUM" --version 2>/dev/null || echo "version unknown"))"
    exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive

# A fresh image has empty apt lists; only then is an update needed (it is the slow, network-heavy part).
if ! apt-cache show chromium >/dev/null 2>&1; then
    echo "chromium: refreshing apt package lists"
    $SUDO apt-get update -qq
fi

echo "chromium: installing"
# fonts-liberation: metric-compatible fonts so screenshots have readable text on a minimal image.
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null

if [[ ! -x "$CHROMIUM" ]]; then
    echo "chromium: installed, but $CHROMIUM is missing" >&2
    exit 1
fi

echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null || echo "version unknown"))"
