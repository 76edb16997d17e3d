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

# Each package goes with a keyed Sigstore bundle (v0.3) made with the local publisher key eng/run.sh created, as the
# second part of the push, the protocol `kubectl faros plugins publish` uses (docs/registry.md).
publisher="$FAROS_DATA_DIR/publisher"
[ -f "$publisher/publisher.key" ] || { echo "No publisher key in $publisher. Start the registry with eng/run.sh first." >&2; exit 1; }
hint="$(openssl pkey -pubin -in "$publisher/publisher.pub" -outform DER | openssl dgst -sha256 -binary | base64 -w0)"
for nupkg in "$out"/*.nupkg; do
  bundle="${nupkg%.nupkg}.sigstore.json"
  digest="$(openssl dgst -sha256 -binary "$nupkg" | base64 -w0)"
  signature="$(openssl dgst -sha256 -sign "$publisher/publisher.key" "$nupkg" | base64 -w0)"
  cat > "$bundle" <<JSON
{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"$hint"},"tlogEntries":[]},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"$digest"},"signature":"$signature"}}
JSON
  status="$(curl -sS -o "$out/push-response.json" -w '%{http_code}' -X PUT "http://127.0.0.1:$registry_port/api/v2/package" \
    -H "X-NuGet-ApiKey: $key" -F "package=@$nupkg;filename=$(basename "$nupkg")" -F "signature=@$bundle;filename=$(basename "$bundle")")"
  case "$status" in
    201) echo "Published $(basename "$nupkg") (signed)" ;;
    409) echo "Skipped $(basename "$nupkg"): already published" ;;
    *) echo "Pushing $(basename "$nupkg") failed with $status: $(cat "$out/push-response.json")" >&2; exit 1 ;;
  esac
done
echo "Published. Browse http://127.0.0.1:${FAROS_MARKETPLACE_PORT:-5001}/"
