#!/usr/bin/env bash
# Quick start: the registry on embedded defaults (SQLite + local files) and the marketplace next to it.
#   registry:    http://127.0.0.1:${FAROS_REGISTRY_PORT:-5000}/v3/index.json
#   marketplace: http://127.0.0.1:${FAROS_MARKETPLACE_PORT:-5001}/
# Data lives in ${FAROS_DATA_DIR:-./.data/registry}. Ctrl+C stops both.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
registry_port="${FAROS_REGISTRY_PORT:-5000}"
marketplace_port="${FAROS_MARKETPLACE_PORT:-5001}"
export FAROS_DATA_DIR="${FAROS_DATA_DIR:-$repo/.data/registry}"

# A local publisher key (made once) and a trust policy that allows it for the sample plugins: the registry refuses
# unsigned plugins, and eng/publish-samples.sh signs the samples with this key, so the marketplace shows them verified.
publisher="$FAROS_DATA_DIR/publisher"
if [ ! -f "$publisher/publisher.key" ]; then
  mkdir -p "$publisher"
  (umask 077; openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$publisher/publisher.key")
  openssl pkey -in "$publisher/publisher.key" -pubout -out "$publisher/publisher.pub"
  echo "Created a local publisher key pair in $publisher"
fi
policy="$FAROS_DATA_DIR/trust-policy.yaml"
if [ ! -f "$policy" ]; then
  {
    echo "# Made by eng/run.sh: the sample plugins must be signed by the local publisher key. See docs/signing.md."
    echo "rules:"
    echo "  - packages: [\"Faros.Samples.*\"]"
    echo "    mode: require"
    echo "    signers:"
    echo "      - publicKey: |"
    sed 's/^/          /' "$publisher/publisher.pub"
  } > "$policy"
fi
export Signing__TrustPolicyPath="${Signing__TrustPolicyPath:-$policy}"

echo "Building..."
dotnet build Faros.sln -c Release -nologo -clp:ErrorsOnly

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

Registry__MarketplaceUrl="http://127.0.0.1:$marketplace_port" \
  dotnet registry/Faros.Registry/bin/Release/net10.0/Faros.Registry.dll --urls "http://127.0.0.1:$registry_port" &
pids+=($!)

marketplace="marketplace-ui/Faros.Marketplace/bin/Release/net10.0/Faros.Marketplace.dll"
if [ -f "$marketplace" ]; then
  Marketplace__RegistryUrl="http://127.0.0.1:$registry_port" \
    dotnet "$marketplace" --urls "http://127.0.0.1:$marketplace_port" &
  pids+=($!)
fi

echo "Registry:    http://127.0.0.1:$registry_port/v3/index.json"
[ -f "$marketplace" ] && echo "Marketplace: http://127.0.0.1:$marketplace_port/"
echo "Create a publisher key: dotnet registry/Faros.Registry/bin/Release/net10.0/Faros.Registry.dll apikeys create --owner you --scopes 'You.*'"
wait -n "${pids[@]}"
