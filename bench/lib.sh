# shellcheck shell=bash
# Shared pieces of the benchmark scripts (registry-read.sh, marketplace-page.sh). Source it; it defines functions and
# a few globals only. Every process started through these functions is tracked and stopped by bench_cleanup.
# Traffic goes to 127.0.0.1 only; every wait here is bounded.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
REGISTRY_DLL="$ROOT/registry/Faros.Registry/bin/Release/net10.0/Faros.Registry.dll"
MARKETPLACE_DLL="$ROOT/marketplace-ui/Faros.Marketplace/bin/Release/net10.0/Faros.Marketplace.dll"
BENCH_DLL="$ROOT/bench/Faros.Bench/bin/Release/net10.0/Faros.Bench.dll"
TICKS=$(getconf CLK_TCK)
NCPU=$(nproc)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { echo "$*" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# BENCH_NICE=-10 (needs root) re-executes the calling script at a higher CPU priority. Call as: bench_renice "$0" "$@"
bench_renice() {
  if [[ -n "${BENCH_NICE:-}" && -z "${BENCH_NICED:-}" ]]; then export BENCH_NICED=1; exec nice -n "$BENCH_NICE" "$@"; fi
}

# A temp work dir, removed on exit (KEEP_WORKDIR=1 keeps it), and the list of processes to stop on exit.
bench_workdir() {
  WORK="$(mktemp -d "/tmp/faros-$1.XXXXXX")"
  cd "$WORK" || exit 1
  TRACKED_PIDS=()
  CLEANUP_HOOKS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
}
track_pid() { TRACKED_PIDS+=("$1"); }
stop_pid() { # TERM, up to 5 s, then KILL; only the given pid.
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
bench_cleanup() {
  local pid hook
  for pid in "${TRACKED_PIDS[@]}"; do stop_pid "$pid"; done
  for hook in "${CLEANUP_HOOKS[@]}"; do $hook || true; done
  if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || { local p; for p in $(shuf -i 20000-60000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }; }

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
median_of() { local -n values="$1"; printf '%s\n' "${values[@]}" | median; } # median_of <array name>
fmt_int() { awk '{ if ($1 == "n/a") print $1; else printf "%.0f\n", $1 }'; }
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 } printf "%.2f\n", v }'; }

# Total and idle jiffies of the whole machine, for "how busy was the machine besides us".
cpu_totals() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat; }
# utime + stime of one or more processes, in clock ticks.
proc_ticks() { local p t=0; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# Wait (bounded by QUIET_MAX seconds, default 900) until the 1-minute load average is below QUIET_LOAD (1.5).
# If one wait times out the machine is not going to get quiet, so later waits are skipped; QUIET_NOTES records it all.
QUIET_NOTES=()
wait_quiet() {
  local what="$1" limit="${QUIET_LOAD:-1.5}" max="${QUIET_MAX:-900}" t0=$SECONDS
  [[ "$max" -gt 0 && -z "${QUIET_GAVE_UP:-}" ]] || { QUIET_NOTES+=("$what: no wait, load $(loadavg)"); return 0; }
  while awk -v l="$limit" '{ exit !($1 >= l) }' /proc/loadavg; do
    if ((SECONDS - t0 >= max)); then
      QUIET_GAVE_UP=1
      QUIET_NOTES+=("$what: NOT quiet after $max s, measured anyway at load $(loadavg)")
      log "load still $(loadavg) after $max s; measuring anyway"
      return 0
    fi
    sleep 10
  done
  QUIET_NOTES+=("$what: load $(loadavg) after waiting $((SECONDS - t0)) s")
  log "quiet enough for $what: load $(loadavg) after $((SECONDS - t0)) s"
}

# Release builds, retried when another build holds a file lock. Usage: build_release <project dir>...
build_release() {
  [[ "${SKIP_BUILD:-0}" != 1 ]] || return 0
  local attempt project ok
  for attempt in 1 2 3 4 5; do
    log "building $* (Release), attempt $attempt"
    ok=1
    for project in "$@"; do
      dotnet build "$ROOT/$project" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { ok=0; break; }
    done
    [[ $ok == 1 ]] && return 0
    if [[ $attempt == 5 ]] || ! grep -qiE 'being used by another process|locked|MSB3027|MSB3021|MSB3026' "$WORK/build.log"; then
      cat "$WORK/build.log" >&2; exit 1
    fi
    sleep 15
  done
}

# start_app <log> <ready url> <NAME=value>... -- <command>...: starts it in the background, tracks it, waits
# (up to 30 s) for the ready url to answer 200 and sets STARTED_PID.
start_app() {
  local logf="$1" ready="$2" envs=()
  shift 2
  while [[ "$1" != -- ]]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$@" >"$logf" 2>&1 &
  STARTED_PID=$!
  track_pid "$STARTED_PID"
  for _ in $(seq 1 300); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$ready" || true)" == 200 ]] && return 0
    kill -0 "$STARTED_PID" 2>/dev/null || { cat "$logf" >&2; die "$* exited during start-up"; }
    sleep 0.1
  done
  cat "$logf" >&2; die "$ready not ready after 30 s"
}
# start_registry <log> <NAME=value>...: a Release registry on a free loopback port; sets STARTED_PID and STARTED_BASE.
start_registry() {
  local logf="$1" port
  shift
  port=$(free_port)
  STARTED_BASE="http://127.0.0.1:$port"
  # shellcheck disable=SC2086 # SERVER_ENV is a list of NAME=value words.
  start_app "$logf" "$STARTED_BASE/readyz" ASPNETCORE_ENVIRONMENT=Production ${SERVER_ENV:-} "$@" -- dotnet "$REGISTRY_DLL" --urls "$STARTED_BASE"
}

# write_nuget_config <file> <v3 index url>: NuGet refuses plain-HTTP sources unless the config allows them.
write_nuget_config() {
  cat >"$1" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="faros" value="$2" allowInsecureConnections="true" />
  </packageSources>
</configuration>
EOF
}

# ---------------------------------------------------------------------------------------------------------------
# wrk. The Lua script prints p50/p95/p99 (wrk's --latency has no p95) and, when WRK_ADDRS="host:port host:port" is
# set, pins wrk thread i to address i mod n: with -t2 and two instances, each instance gets half the connections.
write_wrk_lua() {
  WRK_LUA="$WORK/bench.lua"
  cat >"$WRK_LUA" <<'EOF'
local addrs, n = {}, 0
for a in (os.getenv("WRK_ADDRS") or ""):gmatch("%S+") do addrs[#addrs + 1] = a end
function setup(thread)
  if #addrs > 0 then
    local host, port = addrs[n % #addrs + 1]:match("^(.+):(%d+)$")
    thread.addr = wrk.lookup(host, port)[1]
    n = n + 1
  end
end
function done(summary, latency, requests)
  io.write(string.format("percentiles_us p50 %d p95 %d p99 %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
EOF
}

# measure_endpoint <key> <url> <connections> <pid>...: one curl, a WRK_WARMUP warm-up, then WRK_RUNS measured runs of
# wrk -t$WRK_THREADS -c<connections> -d$WRK_DURATION. Fills RPS P95 P99 ERRORS BYTES SERVER_CPU WRK_CPU MACHINE_CPU
# CPU_PER_REQ SAMPLES LOADS [key] with medians; <pid>... are the server processes whose CPU is counted.
declare -A RPS P95 P99 ERRORS BYTES SERVER_CPU MACHINE_CPU WRK_CPU SAMPLES CPU_PER_REQ LOADS
measure_endpoint() {
  local key="$1" url="$2" conns="$3" code run out r p95 p99 n se reqs s0 s1 c0 c1 i0 i1 w0 w1
  shift 3
  local pids=("$@") rps=() p95s=() p99s=() scpu=() mcpu=() wcpu=() cpr=() loads=() errs=0
  [[ -n "${WRK_LUA:-}" ]] || write_wrk_lua
  code=$(curl -s -o "$WORK/$key.body" -w '%{http_code}' "$url")
  BYTES[$key]=$(stat -c %s "$WORK/$key.body")
  [[ "$code" == 200 ]] || log "WARNING: $key answered $code: $(head -c 300 "$WORK/$key.body")"
  wrk -t"$WRK_THREADS" -c"$conns" -d"$WRK_WARMUP" -s "$WRK_LUA" "$url" >/dev/null 2>&1 || true
  wait_quiet "$key"
  for run in $(seq 1 "$WRK_RUNS"); do
    out="$WORK/wrk-$key-$run.txt"
    s0=$(proc_ticks "${pids[@]}"); read -r c0 i0 < <(cpu_totals); w0=$(date +%s.%N)
    # bash's time reports wrk's own CPU (user + sys).
    { TIMEFORMAT='%U %S'; time wrk -t"$WRK_THREADS" -c"$conns" -d"$WRK_DURATION" --latency -s "$WRK_LUA" "$url" >"$out" 2>&1; } 2>"$out.time"
    w1=$(date +%s.%N); s1=$(proc_ticks "${pids[@]}"); read -r c1 i1 < <(cpu_totals)
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    r=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p95=$(awk '$1 == "percentiles_us" { printf "%.2f\n", $5 / 1000 }' "$out")
    p99=$(awk '$1 == "percentiles_us" { printf "%.2f\n", $7 / 1000 }' "$out")
    n=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out"); n=${n:-0}
    se=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); se=${se:-0}
    errs=$((errs + n + se))
    [[ $((n + se)) == 0 ]] || log "WARNING: $key run $run: $n non-2xx/3xx, $se socket errors (see $out)"
    rps+=("$r"); p95s+=("$p95"); p99s+=("$p99")
    reqs=$(awk '/requests in/ { print $1 }' "$out")
    cpr+=("$(awk -v a="$s0" -v b="$s1" -v t="$TICKS" -v n="$reqs" 'BEGIN { printf "%.0f\n", (n > 0 ? (b - a) / t * 1e6 / n : 0) }')")
    scpu+=("$(awk -v a="$s0" -v b="$s1" -v t="$TICKS" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.0f\n", (b - a) / t / (w1 - w0) * 100 }')")
    wcpu+=("$(awk -v w0="$w0" -v w1="$w1" '{ printf "%.0f\n", ($1 + $2) / (w1 - w0) * 100 }' "$out.time")")
    mcpu+=("$(awk -v c0="$c0" -v c1="$c1" -v i0="$i0" -v i1="$i1" -v n="$NCPU" 'BEGIN { printf "%.0f\n", (1 - (i1 - i0) / (c1 - c0)) * n * 100 }')")
    log "$key run $run: $r req/s, p95 $p95 ms, p99 $p99 ms, server CPU ${scpu[-1]}% (${cpr[-1]} us/request), wrk CPU ${wcpu[-1]}%, machine busy ${mcpu[-1]}% of $((NCPU * 100))%, load ${loads[-1]}"
  done
  RPS[$key]=$(median_of rps)
  P95[$key]=$(median_of p95s)
  P99[$key]=$(median_of p99s)
  ERRORS[$key]=$errs
  SERVER_CPU[$key]=$(median_of scpu)
  WRK_CPU[$key]=$(median_of wcpu)
  MACHINE_CPU[$key]=$(median_of mcpu)
  CPU_PER_REQ[$key]=$(median_of cpr)
  SAMPLES[$key]="$(printf '%s ' "${rps[@]}")"
  LOADS[$key]="$(printf '%s ' "${loads[@]}")"
}

# read_table <label-of-key-fn> <key>...: the Markdown table of measure_endpoint's results. <label-of-key-fn> prints
# the row label for a key.
read_table() {
  local label_of="$1" key
  shift
  echo "| Metric | req/s (median) | p95 ms (median) | p99 ms (median) | non-2xx + socket errors | response bytes | server CPU % | server CPU us/request | wrk CPU % | machine busy % (of $((NCPU * 100))) | req/s per run | 1-min load after each run |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for key in "$@"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s| %s|\n' "$($label_of "$key")" "$(fmt_int <<<"${RPS[$key]}")" "${P95[$key]}" "${P99[$key]}" \
      "${ERRORS[$key]}" "${BYTES[$key]}" "${SERVER_CPU[$key]}" "${CPU_PER_REQ[$key]}" "${WRK_CPU[$key]}" "${MACHINE_CPU[$key]}" "${SAMPLES[$key]}" "${LOADS[$key]}"
  done
}

# The first line of every results file: what ran, where and on which commit.
run_header() { # run_header <title> <dirs whose uncommitted changes to flag>...
  local title="$1" dirty=()
  shift
  local d
  for d in "$@"; do
    { ! git -C "$ROOT" diff --quiet HEAD -- "$d" || git -C "$ROOT" ls-files --others --exclude-standard -- "$d" | grep -q .; } 2>/dev/null && dirty+=("$d/")
  done
  echo "$title, $(date -u +%Y-%m-%dT%H:%MZ), $NCPU cores, dotnet $(dotnet --version), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')${dirty:+ + uncommitted changes in ${dirty[*]}}, nice $(nice)${SERVER_ENV:+, server env: $SERVER_ENV}"
}
quiet_report() { local note; for note in "${QUIET_NOTES[@]}"; do echo "- quiet wait, $note"; done; }
