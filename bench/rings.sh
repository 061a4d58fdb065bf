#!/usr/bin/env bash
# What rollout rings cost a download: one `parceler serve` with two repositories holding the same
# snapshot, `plain` without rings and `ringed` with three (a listed ring of 1,000 system ids, 10 %
# and 20 % by hash), measured with wrk on loopback (2 threads, 64 connections, a machine whose
# subscription answer is cached) for a 2 KiB file, where the JVM's per-request work shows most.
# Warmed first, then interleaved rounds; the ratio is the median over the rounds of ringed/plain.
#
#   bench/rings.sh [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
seconds="${1:-5}"
rounds="${2:-5}"
bench_needs rings.sh wrk curl python3 bc
mvn -q -B -DskipTests package >&2
jar="$PWD/app/target/parceler.jar"
work="$(mktemp -d)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
port=$(free_port)

cd "$work"
head -c 2048 /dev/urandom > sig
for repository in plain ringed; do
  snapshot="storage/app/snapshots/$repository/2026-01-01T00:00:00+00:00"
  mkdir -p "$snapshot"
  cp sig "$snapshot/Packages.sig"
done
echo "community:bench-machine:bench-secret" > credentials
bench_settings "$work"
for repository in plain ringed; do
  java -jar "$jar" repo:create --name "$repository" --command true --source-folder '' --delay 3650 --no-sync >/dev/null
done
java -jar "$jar" repo:ring:add ringed lab --delay 0 --machines "$(seq -f 'lab-%g' 1 1000 | paste -sd, -)" >/dev/null
java -jar "$jar" repo:ring:add ringed canary --delay 1 --percent 10 >/dev/null
java -jar "$jar" repo:ring:add ringed early --delay 3 --percent 20 >/dev/null
HTTP_PORT=$port java -jar "$jar" serve >serve.log 2>&1 & pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/up" >/dev/null && break; sleep 0.5; done

auth="Authorization: Basic $(printf 'bench-machine:bench-secret' | base64)"
for repository in plain ringed; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port/repository/community/$repository/Packages.sig")" = 200 ] \
    || { echo "no 200 from $repository" >&2; cat serve.log >&2; exit 1; }
done
run() { wrk -t2 -c64 -d"${2}s" -H "$auth" "http://127.0.0.1:$port/repository/community/$1/Packages.sig" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "warming up ..." >&2
run plain 10 >/dev/null; run ringed 10 >/dev/null
ratios=(); plain=(); ringed=()
for round in $(seq 1 "$rounds"); do
  a=$(run plain "$seconds"); b=$(run ringed "$seconds")
  plain+=("$a"); ringed+=("$b"); ratios+=("$(echo "$b / $a" | bc -l)")
  printf 'round %s: plain %.0f/s, ringed %.0f/s\n' "$round" "$a" "$b"
done
printf '\n2 KiB, requests/s, median of %s rounds of %s s\n' "$rounds" "$seconds"
printf 'plain   %10.0f/s\n' "$(printf '%s\n' "${plain[@]}" | median)"
printf 'ringed  %10.0f/s\n' "$(printf '%s\n' "${ringed[@]}" | median)"
printf 'ratio ringed/plain: %.3f\n' "$(printf '%s\n' "${ratios[@]}" | median)"
