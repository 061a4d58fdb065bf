#!/usr/bin/env bash
# Backup benchmark: `parceler db:backup` of a SQLite database holding ROWS job runs (about 775
# bytes each, so 200,000 make a 155 MB file), against two baselines measured in the same rounds:
#   migrate   `parceler migrate` on the same database: the start of the JVM and the opening of the
#             database that every command pays, so backup/migrate shows what the backup adds;
#   cp        `cp` and `sync` of the file: the floor of any copy of it on this disk.
# Rounds are interleaved so that drift on the machine hits every target alike; each ratio is the
# median over the rounds of the ratio within a round.
#
#   bench/backup.sh [ROWS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-200000}"
rounds="${2:-3}"
command -v sqlite3 >/dev/null || { echo "bench/backup.sh needs sqlite3" >&2; exit 1; }
# Always the jar of the code checked out: a stale one would measure something else.
mvn -q -B -o -DskipTests -pl app -am package >&2
jar="$PWD/app/target/parceler.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export APP_TIMEZONE=UTC LOG_LEVEL=warn
java -jar "$jar" migrate >/dev/null
sqlite3 storage/database.sqlite "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
  INSERT INTO job_runs (repository, kind, job_id, started_at, outcome, output)
  SELECT 'repo-' || (i % 50), 'sync', hex(randomblob(16)), '2026-11-21T12:00:00+00:00', 'succeeded', hex(randomblob(250)) FROM n;"
size=$(stat -c %s storage/database.sqlite)

seconds() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo "scale=3; ($end - $start) / 1000000000" | bc; }
declare -a migrate backup copy
for round in $(seq "$rounds"); do
  migrate+=("$(seconds java -jar "$jar" migrate)")
  backup+=("$(seconds java -jar "$jar" db:backup "backup.sqlite" --force)")
  copy+=("$(seconds sh -c 'cp storage/database.sqlite copy.sqlite && sync copy.sqlite')")
  rm -f copy.sqlite
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
backup_over_migrate=(); backup_over_copy=()
for i in $(seq 0 $((rounds - 1))); do
  backup_over_migrate+=("$(echo "scale=2; ${backup[$i]} / ${migrate[$i]}" | bc)")
  backup_over_copy+=("$(echo "scale=2; ${backup[$i]} / ${copy[$i]}" | bc)")
done
echo "database: $rows job runs, $((size / 1000000)) MB; $rounds rounds"
echo "median seconds: migrate $(median "${migrate[@]}"), db:backup $(median "${backup[@]}"), cp+sync $(median "${copy[@]}")"
echo "db:backup / migrate: $(median "${backup_over_migrate[@]}")   db:backup / cp+sync: $(median "${backup_over_copy[@]}")"
