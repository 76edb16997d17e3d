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

config="$(mktemp)"
trap 'rm -f "$config"' EXIT
cat > "$config" <<XML
<configuration><packageSources><clear /><add key="faros" value="$feed" allowInsecureConnections="true" /></packageSources></configuration>
XML
dotnet nuget push "$out/*.nupkg" --source "$feed" --api-key "$key" --skip-duplicate --configfile "$config"
echo "Published. Browse http://127.0.0.1:${FAROS_MARKETPLACE_PORT:-5001}/"
