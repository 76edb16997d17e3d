#!/usr/bin/env bash
# Installs the PostgreSQL server binaries (Debian `postgresql`) when missing. Tests start their own throwaway
# cluster from these binaries in a temp dir; no system service or system data directory is used.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL: $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  exit 0
fi
echo "PostgreSQL: installing Debian package postgresql"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# The package starts a system cluster; tests never use it, so do not leave it running.
(service postgresql stop || pg_ctlcluster --force "$(ls /etc/postgresql | tail -1)" main stop) >/dev/null 2>&1 || true
ls -d /usr/lib/postgresql/*/bin | tail -1
