#!/usr/bin/env bash
# Marketplace benchmark: latency of a plugin page (/packages/<id>) of Faros.Marketplace, warm, on loopback.
# See docs/performance.md for what it measures and the figures it produced. Target: p95 < 50 ms once warm.
#
# Usage: bench/marketplace-page.sh          (from anywhere; about 2 minutes with the defaults)
# Knobs (environment):
#   PAGE_ID=Faros.Samples.WireGuard   the plugin whose page is measured
#   CONNECTIONS="32 4"   one series of wrk runs per value: p95 at -c32 on 2 cores mostly measures queueing, -c4 less so
#   WRK_RUNS=5 WRK_DURATION=10s WRK_THREADS=2 WRK_WARMUP=5s
#   PLUGINS_DIR=dir   push the *.nupkg there instead of packing samples/*/src/*/*.csproj (they must be FarosPlugin
#                     packages with a valid faros-plugin.json, or the registry refuses them)
#   SKIP_BUILD=1 KEEP_WORKDIR=1 RESULTS_FILE=path BENCH_NICE=-10 QUIET_LOAD=1.5 QUIET_MAX=900   as in registry-read.sh
# The registry is a single SQLite instance; the marketplace reads it over loopback with its default caching
# (Marketplace:CacheSeconds 30). Every process started here is stopped on exit.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_renice "$0" "$@"

PAGE_ID="${PAGE_ID:-Faros.Samples.WireGuard}"
CONNECTIONS="${CONNECTIONS:-32 4}"
WRK_RUNS="${WRK_RUNS:-5}"
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_WARMUP="${WRK_WARMUP:-5s}"
API_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

bench_workdir marketplace-bench
build_release registry/Faros.Registry marketplace-ui/Faros.Marketplace
LOAD_START=$(loadavg)

if [[ -z "${PLUGINS_DIR:-}" ]]; then
  PLUGINS_DIR="$WORK/plugins"
  for project in "$ROOT"/samples/*/src/*/*.csproj; do
    log "packing $(basename "$project")"
    dotnet pack "$project" -c Release -o "$PLUGINS_DIR" -nologo -v q >>"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log" >&2; die "pack failed"; }
  done
fi

mkdir -p "$WORK/registry-data"
start_registry "$WORK/registry.log" FAROS_DATA_DIR="$WORK/registry-data" FAROS_BOOTSTRAP_API_KEY="$API_KEY"
REGISTRY_PID=$STARTED_PID REGISTRY_BASE=$STARTED_BASE
write_nuget_config "$WORK/nuget.config" "$REGISTRY_BASE/v3/index.json"
dotnet nuget push "$PLUGINS_DIR/*.nupkg" --source "$REGISTRY_BASE/v3/index.json" --api-key "$API_KEY" --configfile "$WORK/nuget.config" >"$WORK/push.log" 2>&1 \
  || { cat "$WORK/push.log" >&2; die "push failed"; }
PUSHED=$(grep -c 'Your package was pushed' "$WORK/push.log" || true)
log "registry pid $REGISTRY_PID on $REGISTRY_BASE holds $PUSHED plugins"

MARKETPLACE_PORT=$(free_port)
MARKETPLACE_BASE="http://127.0.0.1:$MARKETPLACE_PORT"
start_app "$WORK/marketplace.log" "$MARKETPLACE_BASE/healthz" ASPNETCORE_ENVIRONMENT=Production Marketplace__RegistryUrl="$REGISTRY_BASE" \
  -- dotnet "$MARKETPLACE_DLL" --urls "$MARKETPLACE_BASE"
MARKETPLACE_PID=$STARTED_PID
PAGE="/packages/$PAGE_ID"

# Warm: the first request after start-up fills the marketplace's caches and JITs the page; time it, then require a 200.
FIRST_MS=$(curl -s -o "$WORK/first.html" -w '%{http_code} %{time_total}' "$MARKETPLACE_BASE$PAGE" | awk '{ printf "%s %.0f\n", $1, $2 * 1000 }')
log "first request after start-up: HTTP ${FIRST_MS% *}, ${FIRST_MS#* } ms"
[[ "${FIRST_MS% *}" == 200 ]] || die "$PAGE answered ${FIRST_MS% *}: $(head -c 300 "$WORK/first.html")"
grep -q "$PAGE_ID" "$WORK/first.html" || log "WARNING: the page does not name $PAGE_ID"

KEYS=()
page_label() { printf '`%s`, wrk -c%s' "$PAGE" "${1#c}"; }
REG0=$(proc_ticks "$REGISTRY_PID"); W0=$(date +%s.%N); MREQS0=0
for c in $CONNECTIONS; do
  measure_endpoint "c$c" "$MARKETPLACE_BASE$PAGE" "$c" "$MARKETPLACE_PID"
  KEYS+=("c$c")
done
REG1=$(proc_ticks "$REGISTRY_PID"); W1=$(date +%s.%N)
REGISTRY_CPU=$(awk -v a="$REG0" -v b="$REG1" -v t="$TICKS" -v w0="$W0" -v w1="$W1" 'BEGIN { printf "%.2f s over the %.0f s from the first warm-up to the end of the last run (quiet waits included)", (b - a) / t, w1 - w0 }')
RSS_MB=$(rss_mb "$MARKETPLACE_PID") HWM_MB=$(hwm_mb "$MARKETPLACE_PID")
LOAD_END=$(loadavg)

{
  run_header "Faros.Marketplace plugin page (registry: SQLite, 1 instance, $PUSHED plugins)" marketplace-ui registry
  echo "load average (1/5/15 min) at start $LOAD_START, at end $LOAD_END"
  echo "wrk -t$WRK_THREADS -c<N> -d$WRK_DURATION --latency -s bench.lua (p95 from its done hook), median of $WRK_RUNS runs after a $WRK_WARMUP warm-up"
  quiet_report
  echo
  read_table page_label "${KEYS[@]}"
  echo
  echo "| Metric | value |"
  echo "| --- | ---: |"
  echo "| first request after start-up (cold caches and JIT): ms | ${FIRST_MS#* } |"
  echo "| registry CPU while the page was under load (the marketplace caches registry answers for Marketplace:CacheSeconds) | $REGISTRY_CPU |"
  echo "| marketplace RSS after the load (VmRSS) / peak (VmHWM): MB | $RSS_MB / $HWM_MB |"
} | tee "${RESULTS_FILE:-/dev/null}"
