#!/usr/bin/env bash
# Registry benchmark: push, restore and read throughput of Faros.Registry on loopback.
# See docs/performance.md for what it measures and the figures it produced.
#
# Usage: bench/registry-read.sh            (from anywhere; about 7-8 minutes with the defaults)
# Knobs (environment):
#   WRK_RUNS=5 WRK_DURATION=10s WRK_THREADS=2 WRK_CONNECTIONS=32 WRK_WARMUP=3s
#   PUSH_RUNS=3      pushes of the 200 packages, each into a fresh server and data dir (the last one is kept)
#   RESTORE_RUNS=5   cold restores of a project referencing RESTORE_PACKAGES=20 of them
#   SKIP_BUILD=1     use the existing Release builds
#   KEEP_WORKDIR=1   keep the temp dir (server log, wrk outputs) for inspection
#   RESULTS_FILE=path   also write the Markdown table there
#   BENCH_NICE=-10   run at a raised CPU priority (see below)
#   PUSH_KEY=publisher   push with a non-admin key scoped to Faros.Bench.* (default: the bootstrap admin key)
#   WRK_RUNS=0 RESTORE_RUNS=0   measure the pushes only
#   SERVER_ENV="DOTNET_TieredPGO=0 ..."   extra environment for the registry process only, to try runtime settings
# Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
set -euo pipefail

# BENCH_NICE=-10 (needs root) runs everything here, server, wrk and dotnet CLI, at a higher CPU priority, to
# approximate a quiet machine when other jobs share it; the results table records the nice value used.
if [[ -n "${BENCH_NICE:-}" && -z "${BENCH_NICED:-}" ]]; then export BENCH_NICED=1; exec nice -n "$BENCH_NICE" "$0" "$@"; fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WRK_RUNS="${WRK_RUNS:-5}"
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_WARMUP="${WRK_WARMUP:-3s}"
PUSH_RUNS="${PUSH_RUNS:-3}"
RESTORE_RUNS="${RESTORE_RUNS:-5}"
RESTORE_PACKAGES="${RESTORE_PACKAGES:-20}"
API_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
NARROW_QUERY="${NARROW_QUERY:-quasar042}"
BROAD_QUERY="${BROAD_QUERY:-lighthouse}"
MANY_ID="faros.bench.many"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK="$(mktemp -d /tmp/faros-bench.XXXXXX)"
cd "$WORK"
SERVER_PID=""
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || { local p; for p in $(shuf -i 20000-60000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }; }

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Total and idle jiffies of the whole machine, for "how busy was the machine besides us".
cpu_totals() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat; }
# utime + stime of a process, in clock ticks.
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# A push that stores a 3 KB package is bound by fsync latency as much as by CPU: time 100 synchronous 4 KB writes.
fsync_probe() {
  dd if=/dev/zero of="$WORK/fsync.probe" bs=4k count=100 oflag=dsync 2>&1 | awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) { printf "%.2f\n", $(i - 1) * 1000 / 100; exit } }'
  rm -f "$WORK/fsync.probe"
}
# ---------------------------------------------------------------------------------------------------------------
# Build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  for attempt in 1 2 3 4 5; do
    log "building registry and seeder (Release), attempt $attempt"
    if dotnet build "$ROOT/registry/Faros.Registry" -c Release -nologo -v q >"$WORK/build.log" 2>&1 \
      && dotnet build "$ROOT/bench/Faros.Bench" -c Release -nologo -v q >>"$WORK/build.log" 2>&1; then
      break
    fi
    if [[ $attempt == 5 ]] || ! grep -qiE 'being used by another process|locked|MSB3027|MSB3021|MSB3026' "$WORK/build.log"; then
      cat "$WORK/build.log" >&2; exit 1
    fi
    sleep 15
  done
fi
REGISTRY_DLL="$ROOT/registry/Faros.Registry/bin/Release/net10.0/Faros.Registry.dll"
BENCH_DLL="$ROOT/bench/Faros.Bench/bin/Release/net10.0/Faros.Bench.dll"

# ---------------------------------------------------------------------------------------------------------------
# Workload
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
FSYNC_START=$(fsync_probe)
log "generating workload; load $LOAD_START"
dotnet "$BENCH_DLL" seed "$WORK/packages" >&2
DISTINCT_COUNT=$(ls "$WORK/packages/distinct"/*.nupkg | wc -l)
MANY_COUNT=$(ls "$WORK/packages/many"/*.nupkg | wc -l)
PKG_BYTES=$(stat -c %s "$WORK/packages/distinct"/*.nupkg | median)

start_server() {
  local data="$1"
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  mkdir -p "$data"
  # shellcheck disable=SC2086 # SERVER_ENV is a list of NAME=value words.
  env ${SERVER_ENV:-} FAROS_DATA_DIR="$data" FAROS_BOOTSTRAP_API_KEY="$API_KEY" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$REGISTRY_DLL" --urls "$BASE" >"$data.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" || true)" == 200 ]]; then write_config; return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$data.log" >&2; echo "registry exited during start-up" >&2; exit 1; }
    sleep 0.1
  done
  cat "$data.log" >&2; echo "registry not ready after 30 s" >&2; exit 1
}
make_push_key() { # PUSH_KEY=publisher: a non-admin key scoped to the workload's ids, as a real publisher would use.
  if [[ "${PUSH_KEY:-admin}" == publisher ]]; then
    PUSH_API_KEY=$(FAROS_DATA_DIR="$1" dotnet "$REGISTRY_DLL" apikeys create --owner bench --scopes "Faros.Bench.*" --actions push 2>&1 | tail -1 | tr -d '[:space:]')
    [[ "$PUSH_API_KEY" == faros_* ]] || { echo "could not create a publisher key: $PUSH_API_KEY" >&2; exit 1; }
  else
    PUSH_API_KEY="$API_KEY"
  fi
}
write_config() { # NuGet refuses plain-HTTP sources unless the config allows them.
  cat >"$WORK/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="faros" value="$BASE/v3/index.json" allowInsecureConnections="true" />
  </packageSources>
</configuration>
EOF
}

push() { # push <glob dir> ; prints wall seconds; leaves CPU seconds of server and client in $WORK/push.cpu
  local dir="$1" t0 t1 s0 s1
  s0=$(proc_ticks "$SERVER_PID")
  t0=$(date +%s.%N)
  { TIMEFORMAT='%U %S'; time dotnet nuget push "$dir/*.nupkg" --source "$BASE/v3/index.json" --api-key "$PUSH_API_KEY" --configfile "$WORK/nuget.config" --timeout 300 >"$WORK/push.log" 2>&1; } 2>"$WORK/push.time" \
    || { cat "$WORK/push.log" >&2; echo "push failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  s1=$(proc_ticks "$SERVER_PID")
  awk -v a="$s0" -v b="$s1" -v t="$(getconf CLK_TCK)" '{ printf "%.2f %.2f\n", (b - a) / t, $1 + $2 }' "$WORK/push.time" >"$WORK/push.cpu"
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
for run in $(seq 1 "$PUSH_RUNS"); do
  stop_server
  start_server "$WORK/data$run"
  make_push_key "$WORK/data$run"
  log "server pid $SERVER_PID on $BASE (data $WORK/data$run); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  t=$(push "$WORK/packages/distinct")
  grep -c 'Your package was pushed' "$WORK/push.log" | grep -qx "$DISTINCT_COUNT" \
    || { cat "$WORK/push.log" >&2; echo "push did not report $DISTINCT_COUNT pushed packages" >&2; exit 1; }
  rt=$(push_roundtrips)
  read -r pcs pcc <"$WORK/push.cpu"
  log "push #$run of $DISTINCT_COUNT packages in one call: ${t}s (sum of the $DISTINCT_COUNT PUT round trips NuGet logged: ${rt}s; CPU used: server ${pcs}s, dotnet nuget push ${pcc}s); load $(cut -d' ' -f1-3 /proc/loadavg)"
  PUSH_SCPU+=("$pcs"); PUSH_CCPU+=("$pcc")
  PUSH_TIMES+=("$t")
  PUSH_RT+=("$rt")
done
PUSH_MEDIAN=$(printf '%s\n' "${PUSH_TIMES[@]}" | median)
PUSH_RT_MEDIAN=$(printf '%s\n' "${PUSH_RT[@]}" | median)
PUSH_SCPU_MEDIAN=$(printf '%s\n' "${PUSH_SCPU[@]}" | median)
PUSH_CCPU_MEDIAN=$(printf '%s\n' "${PUSH_CCPU[@]}" | median)

log "pushing $MANY_COUNT versions of $MANY_ID"
MANY_PUSH=$(push "$WORK/packages/many")
log "pushed in ${MANY_PUSH}s (sum of round trips $(push_roundtrips)s; CPU server, client: $(cat "$WORK/push.cpu"))"

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
  log "restore #$run: NuGet reports ${ms} ms (dotnet restore wall ${wall} ms; $http); load $(cut -d' ' -f1-3 /proc/loadavg)"
  RESTORE_HTTP+=("$(awk '$1 == "OK" && $3 ~ /ms$/ { v = $3; sub(/ms$/, "", v); if (v + 0 > m) m = v + 0 } END { print m + 0 }' "$WORK/restore$run.log")")
  RESTORE_MS+=("$ms")
  RESTORE_WALL+=("$wall")
done
RESTORE_MEDIAN=$(printf '%s\n' "${RESTORE_MS[@]}" | median)
RESTORE_WALL_MEDIAN=$(printf '%s\n' "${RESTORE_WALL[@]}" | median)
RESTORE_HTTP_MEDIAN=$(printf '%s\n' "${RESTORE_HTTP[@]}" | median)

# ---------------------------------------------------------------------------------------------------------------
# Reads: wrk, median of WRK_RUNS runs each.
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 } printf "%.2f\n", v }'; }

declare -A ENDPOINTS=(
  [versions]="/v3/package/faros.bench.pkg042/index.json"
  [download]="/v3/package/faros.bench.pkg042/1.0.0/faros.bench.pkg042.1.0.0.nupkg"
  [registration]="/v3/registration/$MANY_ID/index.json"
  [search_narrow]="/v3/search?q=$NARROW_QUERY&prerelease=true&semVerLevel=2.0.0"
  [search_broad]="/v3/search?q=$BROAD_QUERY&prerelease=true&semVerLevel=2.0.0"
)
ORDER=(versions download registration search_narrow search_broad)
declare -A RPS P99 ERRORS BYTES SERVER_CPU MACHINE_CPU WRK_CPU SAMPLES CPU_PER_REQ

TICKS=$(getconf CLK_TCK)
[[ "$WRK_RUNS" -gt 0 ]] || ORDER=()
NCPU=$(nproc)
for name in "${ORDER[@]}"; do
  url="$BASE${ENDPOINTS[$name]}"
  code=$(curl -s -o "$WORK/$name.body" -w '%{http_code}' "$url")
  BYTES[$name]=$(stat -c %s "$WORK/$name.body")
  [[ "$code" == 200 ]] || log "WARNING: $name answered $code: $(head -c 300 "$WORK/$name.body")"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_WARMUP" "$url" >/dev/null 2>&1 || true
  rps=() p99=() errs=0 scpu=() mcpu=() wcpu=() cpr=()
  for run in $(seq 1 "$WRK_RUNS"); do
    out="$WORK/wrk-$name-$run.txt"
    s0=$(proc_ticks "$SERVER_PID"); read -r c0 i0 < <(cpu_totals); w0=$(date +%s.%N)
    # bash's time reports wrk's own CPU (user + sys).
    { TIMEFORMAT='%U %S'; time wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$url" >"$out" 2>&1; } 2>"$out.time"
    w1=$(date +%s.%N); s1=$(proc_ticks "$SERVER_PID"); read -r c1 i1 < <(cpu_totals)
    r=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p=$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)
    n=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out"); n=${n:-0}
    se=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); se=${se:-0}
    errs=$((errs + n + se))
    [[ $((n + se)) == 0 ]] || log "WARNING: $name run $run: $n non-2xx/3xx, $se socket errors (see $out)"
    rps+=("$r"); p99+=("$p")
    reqs=$(awk '/requests in/ { print $1 }' "$out")
    cpr+=("$(awk -v a="$s0" -v b="$s1" -v t="$TICKS" -v n="$reqs" 'BEGIN { printf "%.0f\n", (n > 0 ? (b - a) / t * 1e6 / n : 0) }')")
    scpu+=("$(awk -v a="$s0" -v b="$s1" -v t="$TICKS" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.0f\n", (b - a) / t / (w1 - w0) * 100 }')")
    wcpu+=("$(awk -v w0="$w0" -v w1="$w1" '{ printf "%.0f\n", ($1 + $2) / (w1 - w0) * 100 }' "$out.time")")
    mcpu+=("$(awk -v c0="$c0" -v c1="$c1" -v i0="$i0" -v i1="$i1" -v n="$NCPU" 'BEGIN { printf "%.0f\n", (1 - (i1 - i0) / (c1 - c0)) * n * 100 }')")
    log "$name run $run: $r req/s, p99 $p ms, server CPU ${scpu[-1]}% (${cpr[-1]} us/request), wrk CPU ${wcpu[-1]}%, machine busy ${mcpu[-1]}% of $((NCPU * 100))%, load $(cut -d' ' -f1 /proc/loadavg)"
  done
  RPS[$name]=$(printf '%s\n' "${rps[@]}" | median)
  P99[$name]=$(printf '%s\n' "${p99[@]}" | median)
  ERRORS[$name]=$errs
  SERVER_CPU[$name]=$(printf '%s\n' "${scpu[@]}" | median)
  WRK_CPU[$name]=$(printf '%s\n' "${wcpu[@]}" | median)
  MACHINE_CPU[$name]=$(printf '%s\n' "${mcpu[@]}" | median)
  SAMPLES[$name]="$(printf '%s ' "${rps[@]}")"
  CPU_PER_REQ[$name]=$(printf '%s\n' "${cpr[@]}" | median)
done

# Let the download counter flush (every 5 s) before reading memory, then check that it counted.
sleep 6
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
DOWNLOADS=$(curl -s "$BASE/v3/search?q=packageid:faros.bench.pkg042&prerelease=true&semVerLevel=2.0.0" | grep -oE '"totalDownloads": ?[0-9]+' | head -1 | grep -oE '[0-9]+$' || echo "?")
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
FSYNC_END=$(fsync_probe)
stop_server

# ---------------------------------------------------------------------------------------------------------------
fmt_int() { awk '{ if ($1 == "n/a") print $1; else printf "%.0f\n", $1 }'; }
{
  echo "Faros.Registry, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, dotnet $(dotnet --version), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( { ! git -C "$ROOT" diff --quiet HEAD -- registry || git -C "$ROOT" ls-files --others --exclude-standard -- registry | grep -q .; } 2>/dev/null && echo ' + uncommitted changes in registry/'), data dir on $(df -T "$WORK" | awk 'NR == 2 { print $2 }'), nice $(nice)${SERVER_ENV:+, server env: $SERVER_ENV}"
  echo "load average (1/5/15 min) at start $LOAD_START, at end $LOAD_END; one synchronous 4 KB write in the data dir's file system (dd oflag=dsync): $FSYNC_START ms at start, $FSYNC_END ms at end; push key: ${PUSH_KEY:-admin}"
  echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency, median of $WRK_RUNS runs; $DISTINCT_COUNT packages of ~$PKG_BYTES bytes + 1 id with $MANY_COUNT versions"
  echo
  echo "| Metric | req/s (median) | p99 ms (median) | non-2xx + socket errors | response bytes | server CPU % | server CPU us/request | wrk CPU % | machine busy % (of $((NCPU * 100))) | req/s per run |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for name in "${ORDER[@]}"; do
    printf '| %s `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s|\n' "$name" "${ENDPOINTS[$name]}" "$(fmt_int <<<"${RPS[$name]}")" "${P99[$name]}" \
      "${ERRORS[$name]}" "${BYTES[$name]}" "${SERVER_CPU[$name]}" "${CPU_PER_REQ[$name]}" "${WRK_CPU[$name]}" "${MACHINE_CPU[$name]}" "${SAMPLES[$name]}"
  done
  echo
  echo "| Metric | value |"
  echo "| --- | ---: |"
  echo "| \`dotnet nuget push\` of $DISTINCT_COUNT packages in one call, median of $PUSH_RUNS (fresh server each): s | $PUSH_MEDIAN (runs: ${PUSH_TIMES[*]}) |"
  echo "| of which waiting on the server (sum of the PUT round trips NuGet logs), median: s | $PUSH_RT_MEDIAN (runs: ${PUSH_RT[*]}) |"
  echo "| CPU time used by the push, median: server s / \`dotnet nuget push\` s | $PUSH_SCPU_MEDIAN / $PUSH_CCPU_MEDIAN |"
  echo "| \`dotnet nuget push\` of $MANY_COUNT versions of one id in one call: s | $MANY_PUSH |"
  echo "| cold restore of $RESTORE_PACKAGES packages, time NuGet reports, median of $RESTORE_RUNS: ms | $RESTORE_MEDIAN (runs: ${RESTORE_MS[*]}) |"
  echo "| same, wall time of \`dotnet restore\`: ms | $RESTORE_WALL_MEDIAN (runs: ${RESTORE_WALL[*]}) |"
  echo "| slowest single HTTP request of a restore (NuGet's log), median: ms | $RESTORE_HTTP_MEDIAN (runs: ${RESTORE_HTTP[*]}) |"
  echo "| server RSS after the load (VmRSS): MB | $((RSS_KB / 1024)) |"
  echo "| server peak RSS (VmHWM): MB | $((HWM_KB / 1024)) |"
  echo "| downloads counted for faros.bench.pkg042 after the flush | $DOWNLOADS |"
} | tee "${RESULTS_FILE:-/dev/null}"
