#!/usr/bin/env bash
# Packs the sample plugins and publishes them to the registry that eng/run.sh serves, so the marketplace
# has something to show. Run it while eng/run.sh is running (same FAROS_DATA_DIR and port).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
registry_port="${FAROS_REGISTRY_PORT:-5000}"
export FAROS_DATA_DIR="${FAROS_DATA_DIR:-$repo/.data/registry}"
feed="http://127.0.0.1:$registry_port/v3/index.json"
out="$repo/.data/sample-packages"
registry="registry/Faros.Registry/bin/Release/net10.0/Faros.Registry.dll"

curl -fsS "http://127.0.0.1:$registry_port/readyz" >/dev/null 2>&1 || {
  echo "No registry answers on port $registry_port. Start it first with eng/run.sh." >&2
  exit 1
}

echo "Packing the sample plugins into $out ..."
rm -rf "$out"
for project in samples/*/src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$out" -nologo -v quiet
done

echo "Creating a publisher key for Faros.Samples.* ..."
key="$(dotnet "$registry" apikeys create --owner faros-samples --scopes "Faros.Samples.*" --actions push --description "eng/publish-samples.sh" | tail -n 1)"

# Each package is signed with the local publisher key eng/run.sh created and pushed with its Sigstore bundle by
# `kubectl faros plugins publish` (the same command publishers use; docs/signing.md).
publisher="$FAROS_DATA_DIR/publisher"
[ -f "$publisher/publisher.key" ] || { echo "No publisher key in $publisher. Start the registry with eng/run.sh first." >&2; exit 1; }
cli="cli/Faros.Cli/bin/Release/net10.0/kubectl-faros.dll"
[ -f "$cli" ] || dotnet build cli/Faros.Cli -c Release -nologo -v quiet
for nupkg in "$out"/*.nupkg; do
  dotnet "$cli" plugins publish "$nupkg" --key "$publisher/publisher.key" --registry "$feed" --api-key "$key" --skip-duplicate
done
echo "Published. Browse http://127.0.0.1:${FAROS_MARKETPLACE_PORT:-5001}/"
