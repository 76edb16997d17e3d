#!/usr/bin/env bash
# Edge benchmarks (docs/performance.md, "Operator" and "Agent"): Faros.Bench's operator and agent subcommands, which
# start etcd + kube-apiserver, a registry, the operator and the agent as real processes on 127.0.0.1.
#
# Usage: bench/edge.sh operator [agents]    1,000 edge Agents x 3 plugin references resolved from nothing (~2 min)
#        bench/edge.sh agent [samples]      spec change -> Running, hot swap, idle RSS with 3 plugins (20 samples, ~4 min)
#        bench/edge.sh rss-floor            RSS of a bare .NET process, + a generic host, + KubernetesClient's serializer (~10 s)
#        bench/edge.sh all                  operator and agent
# Knobs (environment):
#   BENCH_AGENT_ENV="NAME=value ..."   extra environment for the agent process (e.g. GC settings), recorded in the output
#   BENCH_AGENT_EXE=path               run this agent executable instead of the build output, e.g. the self-contained single
#                                      file of `dotnet publish agent/Faros.Agent -c Release -r linux-x64 -o DIR`
#   BENCH_LOG_DIR=dir                  keep the operator's and agent's output there, each line with its time on the benchmark's clock
#   SKIP_BUILD=1 BENCH_NICE=-10        as in registry-read.sh
#   RESULTS_DIR=bench/results          where the raw output goes, as <UTC time>-<benchmark>.txt
# The machine's load is not waited for: `uptime` is recorded before and after each run instead.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_renice "$0" "$@"

WHAT="${1:-all}"
COUNT="${2:-}"
[[ "$WHAT" =~ ^(operator|agent|rss-floor|all)$ ]] || die "usage: bench/edge.sh operator|agent|rss-floor|all [count]"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"
WORK="$(mktemp -d /tmp/faros-edge-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
build_release bench/Faros.Bench

run_benchmark() {
  local name="$1" out
  mkdir -p "$RESULTS_DIR"
  out="$RESULTS_DIR/$(date -u +%Y-%m-%dT%H%MZ)-$name.txt"
  {
    run_header "Faros.Bench $name${COUNT:+ $COUNT}" agent operator sdk
    echo "command: ${BENCH_AGENT_EXE:+BENCH_AGENT_EXE=$BENCH_AGENT_EXE }${BENCH_AGENT_ENV:+BENCH_AGENT_ENV=\"$BENCH_AGENT_ENV\" }bench/edge.sh $name${COUNT:+ $COUNT}"
    echo "uptime before: $(uptime)"
    echo
    # shellcheck disable=SC2086 # COUNT is one optional word.
    # Invariant globalization as the agent is built (InvariantGlobalization): it only matters to rss-floor, which runs in this process.
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 dotnet "$BENCH_DLL" "$name" $COUNT 2>&1
    echo
    echo "uptime after: $(uptime)"
  } | tee "$out"
  log "raw output in $out"
}

case "$WHAT" in
  operator | agent | rss-floor) run_benchmark "$WHAT" ;;
  all) run_benchmark operator; run_benchmark agent ;;
esac
