#!/usr/bin/env bash
# Memory benchmark: resident memory (RSS, `ps -o rss`) of `parceler serve`, `worker` and
# `scheduler`, each a process of the built jar on one temporary installation (SQLite, local disk,
# loopback ports), once with the JVM's defaults (`java -jar`) and once as the launcher starts them
# (`./parceler <command>`, its per-command JVM settings, plus JAVA_OPTS when set). For each:
#   idle   the three processes once serve's /up has seen the worker's and the scheduler's
#          heartbeats, then IDLE_SECONDS of rest;
#   slow   serve's peak while CLIENTS clients (64) download a large file at RATE (64 KiB/s) each
#          for SLOW_SECONDS, as machines on slow links do: every download holds a connection and
#          a request thread for its whole length.
# Each figure is printed next to its goal.
#
#   bench/memory.sh [IDLE_SECONDS] [SLOW_SECONDS]
# Runs the jar of $PARCELER_JAR when set, else builds app/target/parceler.jar from this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
idle_seconds="${1:-20}"
slow_seconds="${2:-20}"
clients=64
rate=64k
bench_needs memory.sh curl python3 ps
launcher="$PWD/parceler"
if [ -n "${PARCELER_JAR:-}" ]; then
  jar="$(readlink -f "$PARCELER_JAR")"
else
  # Always the jar of the code checked out: a stale one would measure something else.
  mvn -q -B -pl app -am -DskipTests package >&2
  jar="$PWD/app/target/parceler.jar"
fi
work="$(mktemp -d)"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Bounded: serve lets downloads finish for SERVE_STOP_TIMEOUT (set to 2 s below).
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_all
  rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }
auth="Authorization: Basic $(printf 'bench-machine:bench-secret' | base64)"

# One configuration: $1 its name, then the command that starts Parceler (the subcommand follows).
# Sets idle_serve, idle_worker, idle_scheduler and slow_serve to MiB.
measure() {
  local name="$1"; shift
  local home="$work/$name" port
  port=$(free_port)
  mkdir -p "$home/storage/app/snapshots/bench/2026-01-01T00:00:00+00:00"
  # Incompressible and larger than a client fetches in SLOW_SECONDS: every client downloads until the end.
  head -c $((64 * 1024 * 1024)) /dev/urandom > "$home/storage/app/snapshots/bench/2026-01-01T00:00:00+00:00/image.img.gz"
  echo "community:bench-machine:bench-secret" > "$home/credentials"
  (
    cd "$home"
    export APP_TIMEZONE=UTC APP_KEY="base64:$(head -c 32 /dev/urandom | base64)" HTTP_HOST=127.0.0.1 HTTP_PORT="$port" \
      DB_DATABASE="$home/storage/database.sqlite" STORAGE_ROOT="$home/storage/app" \
      COMMUNITY_AUTH=file AUTH_CREDENTIALS_FILE="$home/credentials" LOG_LEVEL=warn SERVE_STOP_TIMEOUT=2
    java -jar "$jar" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
    "$@" serve >serve.log 2>&1 & echo $! > serve.pid
    # The worker and the scheduler after serve has made the database's tables (one first, as in the stack).
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/up" >/dev/null && break; sleep 0.5; done
    "$@" worker >worker.log 2>&1 & echo $! > worker.pid
    "$@" scheduler >scheduler.log 2>&1 & echo $! > scheduler.pid
  )
  local serve worker scheduler
  serve=$(cat "$home/serve.pid"); worker=$(cat "$home/worker.pid"); scheduler=$(cat "$home/scheduler.pid")
  pids=("$serve" "$worker" "$scheduler")
  local up=""
  for _ in $(seq 1 120); do
    up=$(curl -s "http://127.0.0.1:$port/up" || true)
    case "$up" in *'"worker":{"seen":true'*'"scheduler":{"seen":true'*) break ;; esac
    sleep 0.5
  done
  case "$up" in
    *'"worker":{"seen":true'*'"scheduler":{"seen":true'*) ;;
    *) echo "$name: the worker and the scheduler did not beat within 60 s: $up" >&2; tail -5 "$home"/*.log >&2; exit 1 ;;
  esac
  echo "$name: up, resting ${idle_seconds} s ..." >&2
  sleep "$idle_seconds"
  idle_serve=$(rss_mib "$serve"); idle_worker=$(rss_mib "$worker"); idle_scheduler=$(rss_mib "$scheduler")

  echo "$name: $clients clients at $rate/s for ${slow_seconds} s ..." >&2
  local url="http://127.0.0.1:$port/repository/community/bench/image.img.gz" client
  # The machine's answer is cached first, as for a machine that updates: the figure is serving's.
  # 64 simultaneous first checks of one machine would exceed the bound of checks waiting at once
  # (32) on a loaded machine, and the ones beyond it get 503.
  curl -s -o /dev/null -I -H "$auth" "$url"
  for client in $(seq 1 "$clients"); do
    curl -s -o /dev/null -w '%{http_code} %{size_download}\n' --limit-rate "$rate" --max-time "$slow_seconds" -H "$auth" "$url" \
      >"$home/client-$client.out" 2>/dev/null &
  done
  slow_serve=$idle_serve
  local deadline=$((SECONDS + slow_seconds + 5)) now
  while [ "$SECONDS" -lt "$deadline" ] && [ -n "$(jobs -p)" ]; do
    now=$(rss_mib "$serve")
    [ "$now" -gt "$slow_serve" ] && slow_serve=$now
    sleep 0.5
  done
  wait || true
  # Every client must have been served for the whole time: a refused or failed download proves nothing.
  local served
  served=$(cat "$home"/client-*.out | awk '$1 == 200 && $2 > 0 {n++} END {print n + 0}')
  [ "$served" = "$clients" ] || { echo "$name: only $served of $clients clients were served" >&2; tail -5 "$home/serve.log" >&2; exit 1; }
  stop_all
}

measure defaults java -jar "$jar"
declare -A defaults=([serve]=$idle_serve [worker]=$idle_worker [scheduler]=$idle_scheduler [slow]=$slow_serve)
measure launcher env PARCELER_JAR="$jar" "$launcher"
declare -A launcher_figures=([serve]=$idle_serve [worker]=$idle_worker [scheduler]=$idle_scheduler [slow]=$slow_serve)

printf '\nresident memory (MiB), JVM defaults against the launcher%s\n' "${JAVA_OPTS:+ with JAVA_OPTS=$JAVA_OPTS}"
printf '%-38s %8s %10s %10s  %s\n' what goal defaults launcher ""
row() {
  local verdict="meets the goal"
  [ "${launcher_figures[$2]}" -lt "$3" ] || verdict="MISSES the goal"
  printf '%-38s %6s   %10s %10s  %s\n' "$1" "< $3" "${defaults[$2]}" "${launcher_figures[$2]}" "$verdict"
}
row "serve, idle" serve 128
row "worker, idle" worker 64
row "scheduler, idle" scheduler 64
row "serve, peak with $clients slow clients" slow 256
