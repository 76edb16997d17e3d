# shellcheck shell=bash
# The shared back ends for BACKEND=postgres in registry-read.sh: one throwaway PostgreSQL cluster (started once, on
# loopback, stopped and deleted on exit) and one Azurite blob service (a fresh one per push run). Source after lib.sh,
# inside a bench_workdir. PG_OPTS="-c fsync=off ..." passes extra server settings (default: PostgreSQL's defaults,
# fsync and synchronous_commit on, as in production).

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
PG_VERSION="$("$PG_BIN/postgres" --version | awk '{ print $3 }')"
AZURITE_DIR="${AZURITE_DIR:-$HOME/.cache/faros/azurite}"
[[ -x "$AZURITE_DIR/node_modules/.bin/azurite-blob" ]] || die "Azurite not found in $AZURITE_DIR (eng/provision/azurite.sh installs it)"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azurite_version() { awk -F'"' '$2 == "version" { print $4; exit }' "$AZURITE_DIR/node_modules/azurite/package.json"; }

as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# One cluster for the whole script: initdb into a temp dir owned by postgres, a server on a free loopback port with
# its socket in that dir.
start_postgres() {
  PG_DIR="$(mktemp -d /tmp/faros-bench-pg.XXXXXX)"
  [[ "$(id -u)" != 0 ]] || chown postgres: "$PG_DIR"
  CLEANUP_HOOKS+=(stop_postgres)
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U faros -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
  PG_PORT=$(free_port)
  # shellcheck disable=SC2086 # PG_OPTS is a list of words.
  as_postgres "$PG_BIN/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -k "$PG_DIR" -c listen_addresses=127.0.0.1 \
    -c max_connections=200 ${PG_OPTS:-} >"$WORK/postgres.log" 2>&1 &
  PG_RUNNER_PID=$!
  for _ in $(seq 1 300); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && { PG_PID=$(head -1 "$PG_DIR/data/postmaster.pid"); log "PostgreSQL $PG_VERSION pid $PG_PID on 127.0.0.1:$PG_PORT"; return 0; }
    kill -0 "$PG_RUNNER_PID" 2>/dev/null || { cat "$WORK/postgres.log" >&2; die "postgres exited during start-up"; }
    sleep 0.1
  done
  cat "$WORK/postgres.log" >&2; die "postgres not ready after 30 s"
}
stop_postgres() {
  [[ -n "${PG_DIR:-}" ]] || return 0
  [[ -f "$PG_DIR/data/postmaster.pid" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 20 stop >/dev/null 2>&1
  stop_pid "${PG_RUNNER_PID:-}"
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# fresh_shared_storage <name>: a new database <name> in the cluster and a new Azurite with its own location; appends
# the registry's provider settings to REG_ENV.
fresh_shared_storage() {
  local name="bench_$1" port
  [[ -n "${PG_PORT:-}" ]] || start_postgres
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U faros "$name" || die "createdb $name failed"
  stop_pid "${AZURITE_PID:-}"
  port=$(free_port)
  mkdir -p "$WORK/azurite-$1"
  "$AZURITE_DIR/node_modules/.bin/azurite-blob" --location "$WORK/azurite-$1" --blobHost 127.0.0.1 --blobPort "$port" \
    --skipApiVersionCheck --loose --silent >"$WORK/azurite-$1.log" 2>&1 &
  AZURITE_PID=$!
  track_pid "$AZURITE_PID"
  for _ in $(seq 1 300); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/devstoreaccount1?comp=list" || true)" != 000 ]] && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$WORK/azurite-$1.log" >&2; die "azurite exited during start-up"; }
    sleep 0.1
  done
  log "Azurite $(azurite_version) pid $AZURITE_PID on 127.0.0.1:$port; database $name"
  REG_ENV+=(
    Database__Provider=PostgreSql
    "Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=faros;Database=$name"
    Storage__Provider=AzureBlob
    "Storage__AzureBlob__ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
    Storage__AzureBlob__Container=packages
  )
  SHARED_PIDS=("$PG_PID" "$AZURITE_PID")
}
