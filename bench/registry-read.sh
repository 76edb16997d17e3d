#!/usr/bin/env bash
# Registry benchmark: push, restore and read throughput of Faros.Registry on loopback.
# See docs/performance.md for what it measures and the figures it produced.
#
# Usage: bench/registry-read.sh            (from anywhere; about 7-8 minutes with the defaults)
# Knobs (environment):
#   WRK_RUNS=5 WRK_DURATION=10s WRK_THREADS=2 WRK_CONNECTIONS=32 WRK_WARMUP=3s
#   PUSH_RUNS=3      (1 with BACKEND=postgres) pushes of the 200 packages, each into a fresh server and data dir (the last one is kept)
#   RESTORE_RUNS=5   cold restores of a project referencing RESTORE_PACKAGES=20 of them
#   SKIP_BUILD=1     use the existing Release builds
#   KEEP_WORKDIR=1   keep the temp dir (server log, wrk outputs) for inspection
#   RESULTS_FILE=path   also write the Markdown table there
#   BENCH_NICE=-10   run at a raised CPU priority (see below)
#   PUSH_KEY=publisher   push with a non-admin key scoped to Faros.Bench.* (default: the bootstrap admin key)
#   WRK_RUNS=0 RESTORE_RUNS=0   measure the pushes only
#   SERVER_ENV="DOTNET_TieredPGO=0 ..."   extra environment for the registry process only, to try runtime settings
#   BACKEND=postgres   INSTANCES (2) registries over one throwaway PostgreSQL cluster and one Azurite (bench/backends.sh);
#                      pushes and restores go to the first instance, wrk's threads are pinned round-robin to all of them.
#                      PUSH_RUNS defaults to 1 there (each push run gets a fresh database and a fresh Azurite)
#   QUIET_LOAD=1.5 QUIET_MAX=900   before the pushes, the restores and each endpoint's wrk runs, wait up to QUIET_MAX s
#                      for the 1-minute load average to fall below QUIET_LOAD (bench/lib.sh wait_quiet)
# Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# BENCH_NICE=-10 (needs root) runs everything here, server, wrk and dotnet CLI, at a higher CPU priority, to
# approximate a quiet machine when other jobs share it; the results table records the nice value used.
bench_renice "$0" "$@"

BACKEND="${BACKEND:-sqlite}"
case "$BACKEND" in
  sqlite) INSTANCES="${INSTANCES:-1}"; PUSH_RUNS="${PUSH_RUNS:-3}" ;;
  postgres) INSTANCES="${INSTANCES:-2}"; PUSH_RUNS="${PUSH_RUNS:-1}" ;;
  *) die "BACKEND must be sqlite or postgres" ;;
esac
WRK_RUNS="${WRK_RUNS:-5}"
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_WARMUP="${WRK_WARMUP:-3s}"
RESTORE_RUNS="${RESTORE_RUNS:-5}"
RESTORE_PACKAGES="${RESTORE_PACKAGES:-20}"
API_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
NARROW_QUERY="${NARROW_QUERY:-quasar042}"
BROAD_QUERY="${BROAD_QUERY:-lighthouse}"
MANY_ID="faros.bench.many"

bench_workdir registry-bench
SERVER_PIDS=()

# A push that stores a 3 KB package is bound by fsync latency as much as by CPU: time 100 synchronous 4 KB writes.
fsync_probe() {
  dd if=/dev/zero of="$WORK/fsync.probe" bs=4k count=100 oflag=dsync 2>&1 | awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) { printf "%.2f\n", $(i - 1) * 1000 / 100; exit } }'
  rm -f "$WORK/fsync.probe"
}
# ---------------------------------------------------------------------------------------------------------------
# Build
build_release registry/Faros.Registry bench/Faros.Bench

# ---------------------------------------------------------------------------------------------------------------
# Workload
LOAD_START=$(loadavg)
FSYNC_START=$(fsync_probe)
log "generating workload; load $LOAD_START"
dotnet "$BENCH_DLL" seed "$WORK/packages" >&2
DISTINCT_COUNT=$(ls "$WORK/packages/distinct"/*.nupkg | wc -l)
MANY_COUNT=$(ls "$WORK/packages/many"/*.nupkg | wc -l)
PKG_BYTES=$(stat -c %s "$WORK/packages/distinct"/*.nupkg | median)

# BACKEND=postgres: one throwaway PostgreSQL cluster and one Azurite shared by INSTANCES registries.
# shellcheck source=bench/backends.sh
[[ "$BACKEND" == sqlite ]] || source "$BENCH_DIR/backends.sh"

# start_server <data dir prefix>: fresh registry instance(s) with fresh storage; BASE is the first instance, on which
# pushes and restores run; the reads go to all of them (WRK_ADDRS).
start_server() {
  local data="$1" i
  REG_ENV=(FAROS_BOOTSTRAP_API_KEY="$API_KEY")
  [[ "$BACKEND" == sqlite ]] || fresh_shared_storage "$(basename "$data")"
  SERVER_PIDS=() BASES=() WRK_ADDRS=""
  for i in $(seq 1 "$INSTANCES"); do
    mkdir -p "$data.$i"
    start_registry "$data.$i.log" "${REG_ENV[@]}" FAROS_DATA_DIR="$data.$i"
    SERVER_PIDS+=("$STARTED_PID"); BASES+=("$STARTED_BASE"); WRK_ADDRS+="${STARTED_BASE#http://} "
  done
  SERVER_PID="${SERVER_PIDS[0]}" BASE="${BASES[0]}"
  [[ "$INSTANCES" -gt 1 ]] && export WRK_ADDRS || unset WRK_ADDRS
  write_nuget_config "$WORK/nuget.config" "$BASE/v3/index.json"
}
stop_server() { local pid; for pid in "${SERVER_PIDS[@]}"; do stop_pid "$pid"; done; SERVER_PIDS=(); }
make_push_key() { # PUSH_KEY=publisher: a non-admin key scoped to the workload's ids, as a real publisher would use.
  if [[ "${PUSH_KEY:-admin}" == publisher ]]; then
    PUSH_API_KEY=$(env "${REG_ENV[@]}" FAROS_DATA_DIR="$1.1" dotnet "$REGISTRY_DLL" apikeys create --owner bench --scopes "Faros.Bench.*" --actions push 2>&1 | tail -1 | tr -d '[:space:]')
    [[ "$PUSH_API_KEY" == faros_* ]] || die "could not create a publisher key: $PUSH_API_KEY"
  else
    PUSH_API_KEY="$API_KEY"
  fi
}

push() { # push <glob dir> ; prints wall seconds; leaves CPU seconds of server(s) and client in $WORK/push.cpu
  local dir="$1" t0 t1 s0 s1 pid each0=()
  s0=$(proc_ticks "${SERVER_PIDS[@]}")
  for pid in "${SERVER_PIDS[@]}"; do each0+=("$(proc_ticks "$pid")"); done
  t0=$(date +%s.%N)
  { TIMEFORMAT='%U %S'; time dotnet nuget push "$dir/*.nupkg" --source "$BASE/v3/index.json" --api-key "$PUSH_API_KEY" --configfile "$WORK/nuget.config" --timeout 300 >"$WORK/push.log" 2>&1; } 2>"$WORK/push.time" \
    || { cat "$WORK/push.log" >&2; die "push failed"; }
  t1=$(date +%s.%N)
  s1=$(proc_ticks "${SERVER_PIDS[@]}")
  awk -v a="$s0" -v b="$s1" -v t="$TICKS" '{ printf "%.2f %.2f\n", (b - a) / t, $1 + $2 }' "$WORK/push.time" >"$WORK/push.cpu"
  # Per instance: with several, the ones that took no push still pay for hearing about it.
  for pid in "${SERVER_PIDS[@]}"; do awk -v a="${each0[0]}" -v b="$(proc_ticks "$pid")" -v t="$TICKS" 'BEGIN { printf "%.2f ", (b - a) / t }'; each0=("${each0[@]:1}"); done >"$WORK/push.cpu.each"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# ---------------------------------------------------------------------------------------------------------------
# Push: each run into a fresh server and data dir; the last server stays up for the rest.
PUSH_TIMES=()
PUSH_RT=()
PUSH_SCPU=()
PUSH_CCPU=()
# NuGet logs "Created <url> 11ms" per package: their sum is the time spent waiting on the server.
push_roundtrips() { awk '$1 == "Created" { v = $3; sub(/ms$/, "", v); t += v } END { printf "%.3f\n", t / 1000 }' "$WORK/push.log"; }
wait_quiet push
for run in $(seq 1 "$PUSH_RUNS"); do
  stop_server
  start_server "$WORK/data$run"
  make_push_key "$WORK/data$run"
  log "registry pid(s) ${SERVER_PIDS[*]} on ${BASES[*]} (data $WORK/data$run.*); load: $(loadavg)"
  t=$(push "$WORK/packages/distinct")
  grep -c 'Your package was pushed' "$WORK/push.log" | grep -qx "$DISTINCT_COUNT" \
    || { cat "$WORK/push.log" >&2; echo "push did not report $DISTINCT_COUNT pushed packages" >&2; exit 1; }
  rt=$(push_roundtrips)
  read -r pcs pcc <"$WORK/push.cpu"
  log "push #$run of $DISTINCT_COUNT packages in one call: ${t}s (sum of the $DISTINCT_COUNT PUT round trips NuGet logged: ${rt}s; CPU used: server ${pcs}s (per instance: $(cat "$WORK/push.cpu.each")), dotnet nuget push ${pcc}s); load $(loadavg)"
  PUSH_SCPU+=("$pcs") PUSH_CCPU+=("$pcc") PUSH_TIMES+=("$t") PUSH_RT+=("$rt")
done

log "pushing $MANY_COUNT versions of $MANY_ID"
MANY_PUSH=$(push "$WORK/packages/many")
log "pushed in ${MANY_PUSH}s (sum of round trips $(push_roundtrips)s; CPU server, client: $(cat "$WORK/push.cpu"); server per instance: $(cat "$WORK/push.cpu.each"))"

# ---------------------------------------------------------------------------------------------------------------
# Restore: cold (fresh global packages folder and http cache each run), time as NuGet reports it.
RESTORE_DIR="$WORK/restore"
mkdir -p "$RESTORE_DIR"
cp "$WORK/nuget.config" "$RESTORE_DIR/nuget.config"
# Empty Directory.*.props/targets stop MSBuild from walking up into a repository's own.
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$RESTORE_DIR/$f"; done
{
  echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit></PropertyGroup><ItemGroup>'
  for i in $(seq 1 "$RESTORE_PACKAGES"); do printf '<PackageReference Include="Faros.Bench.Pkg%03d" Version="1.0.0" />\n' "$i"; done
  echo '</ItemGroup></Project>'
} >"$RESTORE_DIR/Restore.csproj"

RESTORE_MS=()
[[ "$RESTORE_RUNS" -gt 0 ]] && wait_quiet restore
RESTORE_WALL=()
RESTORE_HTTP=()
for run in $(seq 1 "$RESTORE_RUNS"); do
  rm -rf "$RESTORE_DIR/obj" "$RESTORE_DIR/gpf" "$RESTORE_DIR/http"
  t0=$(date +%s.%N)
  NUGET_PACKAGES="$RESTORE_DIR/gpf" NUGET_HTTP_CACHE_PATH="$RESTORE_DIR/http" \
    dotnet restore "$RESTORE_DIR/Restore.csproj" --configfile "$RESTORE_DIR/nuget.config" -nologo -v n >"$WORK/restore$run.log" 2>&1 \
    || { cat "$WORK/restore$run.log" >&2; echo "restore failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  line=$(grep -E 'Restored .*\(in [0-9.]+ (ms|sec)\)' "$WORK/restore$run.log" | head -1)
  ms=$(sed -E 's/.*\(in ([0-9.]+) (ms|sec)\).*/\1 \2/' <<<"$line" | awk '{ printf "%.0f\n", $2 == "sec" ? $1 * 1000 : $1 }')
  got=$(ls "$RESTORE_DIR/gpf" | grep -c '^faros\.bench\.pkg' || true)
  [[ "$got" == "$RESTORE_PACKAGES" ]] || { cat "$WORK/restore$run.log" >&2; echo "restore got $got packages" >&2; exit 1; }
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }')
  # -v n makes NuGet log "OK <url> 12ms" for each HTTP request: the slowest tells whether the server held it up.
  http=$(awk '$1 == "OK" && $3 ~ /ms$/ { v = $3; sub(/ms$/, "", v); n++; if (v + 0 > m) m = v + 0 } END { printf "%d requests, slowest %d ms\n", n, m }' "$WORK/restore$run.log")
  log "restore #$run: NuGet reports ${ms} ms (dotnet restore wall ${wall} ms; $http); load $(loadavg)"
  RESTORE_HTTP+=("$(awk '$1 == "OK" && $3 ~ /ms$/ { v = $3; sub(/ms$/, "", v); if (v + 0 > m) m = v + 0 } END { print m + 0 }' "$WORK/restore$run.log")")
  RESTORE_MS+=("$ms") RESTORE_WALL+=("$wall")
done

# ---------------------------------------------------------------------------------------------------------------
# Reads: wrk, median of WRK_RUNS runs each, against every instance (wrk thread i -> instance i mod INSTANCES).
declare -A ENDPOINTS=(
  [versions]="/v3/package/faros.bench.pkg042/index.json"
  [download]="/v3/package/faros.bench.pkg042/1.0.0/faros.bench.pkg042.1.0.0.nupkg"
  [registration]="/v3/registration/$MANY_ID/index.json"
  [search_narrow]="/v3/search?q=$NARROW_QUERY&prerelease=true&semVerLevel=2.0.0"
  [search_broad]="/v3/search?q=$BROAD_QUERY&prerelease=true&semVerLevel=2.0.0"
)
ORDER=(versions download registration search_narrow search_broad)
[[ "$WRK_RUNS" -gt 0 ]] || ORDER=()
for name in "${ORDER[@]}"; do
  # Every instance must serve the same answer (apart from its own base URL in links): the pushes went to the first.
  for b in "${BASES[@]:1}"; do
    cmp -s <(curl -s "$BASE${ENDPOINTS[$name]}" | sed "s#$BASE#BASE#g") <(curl -s "$b${ENDPOINTS[$name]}" | sed "s#$b#BASE#g") \
      || log "WARNING: $name differs between $BASE and $b"
  done
  measure_endpoint "$name" "$BASE${ENDPOINTS[$name]}" "$WRK_CONNECTIONS" "${SERVER_PIDS[@]}"
done

# Let the download counter flush (every 5 s) before reading memory, then check that it counted.
sleep 6
RSS=() HWM=()
for pid in "${SERVER_PIDS[@]}"; do RSS+=("$(rss_mb "$pid")"); HWM+=("$(hwm_mb "$pid")"); done
DOWNLOADS=$(curl -s "$BASE/v3/search?q=packageid:faros.bench.pkg042&prerelease=true&semVerLevel=2.0.0" | grep -oE '"totalDownloads": ?[0-9]+' | head -1 | grep -oE '[0-9]+$' || echo "?")
LOAD_END=$(loadavg)
FSYNC_END=$(fsync_probe)
stop_server

# ---------------------------------------------------------------------------------------------------------------
endpoint_label() { printf '%s `%s`' "$1" "${ENDPOINTS[$1]}"; }
{
  if [[ "$BACKEND" == sqlite ]]; then topology="SQLite + file system, $INSTANCES instance(s)"; else topology="PostgreSQL $PG_VERSION + Azurite $(azurite_version), $INSTANCES instances, wrk threads pinned round-robin to the instances"; fi
  run_header "Faros.Registry ($topology)" registry
  echo "load average (1/5/15 min) at start $LOAD_START, at end $LOAD_END; one synchronous 4 KB write in the data dir's file system (dd oflag=dsync): $FSYNC_START ms at start, $FSYNC_END ms at end; push key: ${PUSH_KEY:-admin}"
  echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency -s bench.lua (p95 from its done hook), median of $WRK_RUNS runs; $DISTINCT_COUNT packages of ~$PKG_BYTES bytes + 1 id with $MANY_COUNT versions"
  quiet_report
  echo
  read_table endpoint_label "${ORDER[@]}"
  echo
  echo "| Metric | value |"
  echo "| --- | ---: |"
  echo "| \`dotnet nuget push\` of $DISTINCT_COUNT packages in one call, median of $PUSH_RUNS (fresh server each): s | $(median_of PUSH_TIMES) (runs: ${PUSH_TIMES[*]}) |"
  echo "| of which waiting on the server (sum of the PUT round trips NuGet logs), median: s | $(median_of PUSH_RT) (runs: ${PUSH_RT[*]}) |"
  echo "| CPU time used by the push, median: server s / \`dotnet nuget push\` s | $(median_of PUSH_SCPU) / $(median_of PUSH_CCPU) |"
  echo "| \`dotnet nuget push\` of $MANY_COUNT versions of one id in one call: s | $MANY_PUSH |"
  echo "| cold restore of $RESTORE_PACKAGES packages, time NuGet reports, median of $RESTORE_RUNS: ms | $(median_of RESTORE_MS) (runs: ${RESTORE_MS[*]}) |"
  echo "| same, wall time of \`dotnet restore\`: ms | $(median_of RESTORE_WALL) (runs: ${RESTORE_WALL[*]}) |"
  echo "| slowest single HTTP request of a restore (NuGet's log), median: ms | $(median_of RESTORE_HTTP) (runs: ${RESTORE_HTTP[*]}) |"
  echo "| server RSS after the load (VmRSS), per instance: MB | ${RSS[*]} |"
  echo "| server peak RSS (VmHWM), per instance: MB | ${HWM[*]} |"
  echo "| downloads counted for faros.bench.pkg042 after the flush | $DOWNLOADS |"
} | tee "${RESULTS_FILE:-/dev/null}"
