#!/usr/bin/env bash
# Provisions everything the tests need (idempotently), builds the solution, and runs every test.
# Under CI=true a service that cannot be provisioned is a failure, never a skip.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
configuration="${CONFIGURATION:-Release}"
results="$repo/artifacts/test-results"

step() { printf '\n==> %s\n' "$*"; }

step "Provisioning test dependencies"
for script in eng/provision/*.sh; do
  [ -e "$script" ] || continue
  echo "--- $script"
  bash "$script"
done

step "Building Faros.sln ($configuration)"
dotnet build Faros.sln -c "$configuration" -nologo -clp:ErrorsOnly

step "Running tests"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Faros.sln -c "$configuration" --no-build -nologo \
  --results-directory "$results" \
  --logger "trx" \
  --logger "console;verbosity=normal" || status=$?

step "Summary"
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
