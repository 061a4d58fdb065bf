#!/usr/bin/env bash
# Database benchmark: the same work on the SQLite file and on a PostgreSQL server, in one run.
#   downloads  `parceler serve` sending a 1 MiB package and a 2 KiB signature itself, measured
#              with wrk on loopback (2 threads, 64 connections, a machine whose subscription answer
#              is cached), as the `parceler` target of bench/download.sh: requests/s;
#              PostgreSQL's transactions per request tell whether a download reaches the database;
#   jobs       one `parceler worker` (its default threads) running JOBS syncs of as many
#              repositories (command `true`, so each job is the database's work and an empty
#              snapshot), enqueued at once with `repo:sync`: jobs/min from the start of the first
#              run to the end of the last, after a warm-up batch of 10.
# The baseline of every ratio is SQLite (WAL, synchronous=NORMAL, as Parceler opens it).
# PostgreSQL is Debian's (initdb and pg_ctl from /usr/lib/postgresql/*/bin) with its default
# durability settings, a throw-away cluster in a temporary folder on a free loopback port, as the
# *PostgresIT tests start it; it is stopped at the end. Downloads are measured in interleaved
# rounds (median of the ratios within a round); each database gets the same jobs once.
#
#   bench/database.sh [SECONDS_PER_RUN] [ROUNDS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
seconds="${1:-3}"
rounds="${2:-3}"
jobs="${3:-240}"
[ "$jobs" -ge 10 ] || { echo "JOBS must be 10 or more (the warm-up syncs ten of them)" >&2; exit 1; }
bench_needs database.sh wrk curl python3 bc
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$pg_bin" ] || pg_bin="$(dirname "$(command -v initdb || echo /nonexistent/initdb)")"
[ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ] && [ -x "$pg_bin/psql" ] \
  || { echo "bench/database.sh needs PostgreSQL's initdb, pg_ctl and psql (Debian: postgresql)" >&2; exit 1; }
# The client itself, not Debian's wrapper on the PATH (a Perl start per call, which the polling
# below would spend the worker's CPU on).
psql="$pg_bin/psql"
# Always the jar of the code checked out: a stale one would measure something else.
mvn -q -B -DskipTests package >&2
jar="$PWD/app/target/parceler.jar"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
# initdb refuses root: as root the cluster is the postgres user's.
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$work/pg/data/postmaster.pid" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_port=$(free_port)

echo "Starting PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port ..." >&2
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
(cd "$work/pg" && "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U parceler --no-locale -E UTF8 >"$work/pg/initdb.log" 2>&1) \
  || { cat "$work/pg/initdb.log" >&2; exit 1; }
(cd "$work/pg" && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null) || { cat "$work/pg/server.log" >&2; exit 1; }
"$psql" -q -h 127.0.0.1 -p "$pg_port" -U parceler -d postgres -c 'CREATE DATABASE parceler'

# One installation per database; everything else alike.
echo "community:bench-machine:bench-secret" > "$work/credentials"
export APP_TIMEZONE=UTC APP_KEY="base64:$(head -c 32 /dev/urandom | base64)" HTTP_HOST=127.0.0.1 \
  COMMUNITY_AUTH=file AUTH_CREDENTIALS_FILE="$work/credentials" LOG_LEVEL=warn
databases=(sqlite pgsql)
declare -A settings=(
  [sqlite]="DB_CONNECTION=sqlite DB_DATABASE=$work/sqlite/database.sqlite STORAGE_ROOT=$work/sqlite/storage"
  [pgsql]="DB_CONNECTION=pgsql DB_HOST=127.0.0.1 DB_PORT=$pg_port DB_DATABASE=parceler DB_USERNAME=parceler STORAGE_ROOT=$work/pgsql/storage"
)
parceler() { local db="$1"; shift; env ${settings[$db]} java -jar "$jar" "$@"; }
# One SQL statement on a database (the same text on both), its answer on standard output.
sql() {
  if [ "$1" = sqlite ]; then
    python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
for row in c.execute(sys.argv[2]): print(*row)
c.commit()' "$work/sqlite/database.sqlite" "$2"
  else
    "$psql" -qAt -h 127.0.0.1 -p "$pg_port" -U parceler -d parceler -c "$2"
  fi
}

# Waits until the count that SQL answers reaches AT_LEAST, at most 5 minutes: `await_count DB SQL AT_LEAST`.
# Polled every 0.1 s by one Python process on SQLite and by psql (a few ms a call) on PostgreSQL,
# so that watching costs the worker next to nothing on either.
await_count() {
  if [ "$1" = sqlite ]; then
    python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=30)
deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    if c.execute(sys.argv[2]).fetchall()[0][0] >= int(sys.argv[3]):
        sys.exit(0)
    time.sleep(0.1)
sys.exit(1)' "$work/sqlite/database.sqlite" "$2" "$3"
  else
    for _ in $(seq 1 3000); do [ "$(sql pgsql "$2")" -ge "$3" ] && return 0; sleep 0.1; done
    return 1
  fi
}

head -c 1048576 /dev/urandom > "$work/package.ipk"
head -c 2048 /dev/urandom > "$work/Packages.sig"
declare -A ports
for db in "${databases[@]}"; do
  mkdir -p "$work/$db/storage/snapshots/bench/2026-01-01T00:00:00+00:00"
  cp "$work/package.ipk" "$work/Packages.sig" "$work/$db/storage/snapshots/bench/2026-01-01T00:00:00+00:00/"
  parceler "$db" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
  ports[$db]=$(free_port)
  HTTP_PORT=${ports[$db]} parceler "$db" serve >"$work/$db/serve.log" 2>&1 & pids+=($!)
done

auth="Authorization: Basic $(printf 'bench-machine:bench-secret' | base64)"
for db in "${databases[@]}"; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:${ports[$db]}/up" >/dev/null && break; sleep 0.5; done
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:${ports[$db]}/repository/community/bench/package.ipk")
  [ "$code" = 200 ] || { echo "$db: the download answered $code" >&2; cat "$work/$db/serve.log" >&2; exit 1; }
done
rate() {
  wrk -t2 -c64 -d"${2}s" -H "$auth" "http://127.0.0.1:${ports[$1]}/repository/community/bench/$3" | awk '/Requests\/sec/ {print $2}'
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "Warming both servers up ..." >&2
for db in "${databases[@]}"; do
  for file in Packages.sig package.ipk; do rate "$db" 4 "$file" >/dev/null; done
done
# Whether a download costs the database anything: PostgreSQL counts the transactions of the
# measured rounds (its background readings, a few per second, are noise against thousands of requests).
commits() { "$psql" -qAt -h 127.0.0.1 -p "$pg_port" -U parceler -d postgres -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'parceler'"; }
commits_before=$(commits)
declare -A results
for round in $(seq 1 "$rounds"); do
  for file in package.ipk Packages.sig; do
    for db in "${databases[@]}"; do results[$file,$db,$round]=$(rate "$db" "$seconds" "$file"); done
    printf 'round %s %-13s sqlite %.0f/s, pgsql %.0f/s\n' "$round" "$file" \
      "${results[$file,sqlite,$round]}" "${results[$file,pgsql,$round]}" >&2
  done
done
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
pids=()
# The server's sessions have ended, and with them their counts are in the statistics.
pg_requests=0
for key in "${!results[@]}"; do
  [[ "$key" == *,pgsql,* ]] && pg_requests=$(echo "$pg_requests + ${results[$key]} * $seconds" | bc -l)
done
per_request=$(echo "($(commits) - $commits_before) / $pg_requests" | bc -l)

# Jobs: JOBS repositories made by copying the row of one made by repo:create (a console start
# per repository would take longer than the measurement), then a sync of each, enqueued at once.
declare -A job_rates
for db in "${databases[@]}"; do
  parceler "$db" repo:create --name job0 --command true --source-folder '' --delay 0 --no-sync >/dev/null
  inserts=""
  for n in $(seq 1 "$jobs"); do
    inserts+="INSERT INTO repositories (name, command, sub_dir, delay, created_at, updated_at)
      SELECT 'job$n', command, sub_dir, delay, created_at, updated_at FROM repositories WHERE name = 'job0';"
  done
  if [ "$db" = sqlite ]; then
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=30); c.executescript(sys.argv[2]); c.commit()' \
      "$work/sqlite/database.sqlite" "$inserts"
  else
    "$psql" -q -h 127.0.0.1 -p "$pg_port" -U parceler -d parceler -c "$inserts"
  fi
  parceler "$db" worker >"$work/$db/worker.log" 2>&1 & pids+=($!)
  worker=$!
  await_count "$db" "SELECT count(*) FROM process_heartbeats WHERE kind = 'worker'" 1 \
    || { echo "$db: the worker did not start" >&2; cat "$work/$db/worker.log" >&2; exit 1; }
  # Waits until COUNT runs are recorded as finished.
  await_runs() {
    await_count "$db" "SELECT count(*) FROM job_runs WHERE finished_at IS NOT NULL" "$1" && return 0
    echo "$db: only $(sql "$db" "SELECT count(*) FROM job_runs WHERE finished_at IS NOT NULL") of $1 jobs finished" >&2
    cat "$work/$db/worker.log" >&2; exit 1
  }
  echo "$db: warm-up batch of 10 ..." >&2
  # shellcheck disable=SC2046
  parceler "$db" repo:sync $(seq -f 'job%g' 0 9) >/dev/null
  await_runs 10
  # From the start of the first run to the end of the last, as this script sees them in the
  # database: neither the console's start nor the worker's first poll (up to 5 s) counts.
  # shellcheck disable=SC2046
  parceler "$db" repo:sync $(seq -f 'job%g' 1 "$jobs") >/dev/null &
  enqueue=$!
  await_count "$db" "SELECT count(*) FROM job_runs" 11 || { echo "$db: no job started" >&2; exit 1; }
  start=$(date +%s.%N)
  wait "$enqueue"
  await_runs $((jobs + 10))
  end=$(date +%s.%N)
  failed=$(sql "$db" "SELECT count(*) FROM job_runs WHERE outcome <> 'succeeded'")
  [ "$failed" = 0 ] || { echo "$db: $failed jobs did not succeed" >&2; sql "$db" "SELECT repository, outcome, message FROM job_runs WHERE outcome <> 'succeeded'" >&2; exit 1; }
  job_rates[$db]=$(echo "$jobs * 60 / ($end - $start)" | bc -l)
  printf '%s: %s jobs in %.1f s\n' "$db" "$jobs" "$(echo "$end - $start" | bc -l)" >&2
  kill "$worker"; wait "$worker" 2>/dev/null || true
  pids=()
done

printf '\ndownloads: requests/s, median of %s rounds of %s s (wrk -t2 -c64); ratio pgsql/sqlite within each round, then the median\n' "$rounds" "$seconds"
printf '%-13s %12s %12s %14s\n' file sqlite pgsql pgsql/sqlite
for file in package.ipk Packages.sig; do
  printf '%-13s' "$file"
  for db in "${databases[@]}"; do
    printf '%10.0f/s' "$(for round in $(seq 1 "$rounds"); do echo "${results[$file,$db,$round]}"; done | median)"
  done
  printf '%13.2fx\n' "$(for round in $(seq 1 "$rounds"); do
    echo "${results[$file,pgsql,$round]} / ${results[$file,sqlite,$round]}" | bc -l; done | median)"
done
printf 'PostgreSQL transactions per download: %.4f\n' "$per_request"
printf '\njobs: %s syncs enqueued at once, one worker\n' "$jobs"
printf '%-13s %12s %12s %14s\n' '' sqlite pgsql pgsql/sqlite
printf '%-13s%8.0f/min%8.0f/min%13.2fx\n' 'jobs' "${job_rates[sqlite]}" "${job_rates[pgsql]}" \
  "$(echo "${job_rates[pgsql]} / ${job_rates[sqlite]}" | bc -l)"
