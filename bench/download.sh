#!/usr/bin/env bash
# Download benchmark: wrk on loopback (2 threads, 64 connections, a machine whose subscription
# answer is cached) for a 1 MiB package and a 2 KiB signature file, against
#   nginx        nginx serving the files statically (sendfile): the baseline of every ratio;
#   parceler     `parceler serve` sending the files itself;
#   accel        nginx in front of Parceler with X-Accel-Redirect (nginx/parceler.conf.template);
# and two references that bound what any application could reach on this machine:
#   nginx-copy   nginx with sendfile off: a server that copies the bytes through user space;
#   accel-noop   the X-Accel set-up with an upstream that authorizes nothing and answers at once
#                (another nginx): the ceiling of any X-Accel-Redirect design.
# The servers are warmed first (the JIT compiles the download path under load: a fresh JVM on
# two cores needs tens of seconds), then measured in interleaved rounds so that drift on the
# machine hits every target alike; each ratio is the median over the rounds of the ratio within
# a round.
#
#   bench/download.sh [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
seconds="${1:-5}"
rounds="${2:-3}"
bench_needs download.sh wrk nginx curl python3
# Always the jar of the code checked out: a stale one would measure something else.
mvn -q -B -DskipTests package >&2
jar="$PWD/app/target/parceler.jar"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

direct_port=$(free_port); accel_port=$(free_port); proxy_port=$(free_port); static_port=$(free_port)
copy_port=$(free_port); noop_port=$(free_port); noop_proxy_port=$(free_port)

# One repository with a served snapshot holding the two files.
cd "$work"
snapshot="storage/app/snapshots/bench/2026-01-01T00:00:00+00:00"
mkdir -p "$snapshot"
head -c 1048576 /dev/urandom > "$snapshot/package.ipk"
head -c 2048 /dev/urandom > "$snapshot/Packages.sig"
echo "community:bench-machine:bench-secret" > credentials
bench_settings "$work"
java -jar "$jar" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
HTTP_PORT=$direct_port java -jar "$jar" serve >direct.log 2>&1 & pids+=($!)
HTTP_PORT=$accel_port DOWNLOAD_X_ACCEL_PREFIX=/internal java -jar "$jar" serve >accel.log 2>&1 & pids+=($!)

mkdir -p nginx
# The production front in front of serve, and in front of an upstream that answers every request
# with the redirect at once.
nginx_conf "$work/nginx" "$(nginx_front "$proxy_port" "$accel_port" parceler "$work/storage/app")
$(nginx_noop_accel "$noop_port" "$noop_proxy_port" "$work/storage/app")
    server {
        listen 127.0.0.1:$static_port;
        location /repository/community/bench/ { alias $work/$snapshot/; }
    }
    server {
        listen 127.0.0.1:$copy_port;
        sendfile off;
        location /repository/community/bench/ { alias $work/$snapshot/; }
    }" > nginx/nginx.conf
# nginx workers run as an unprivileged user: they must be able to read the files.
chmod -R a+rX "$work"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"

auth="Authorization: Basic $(printf 'bench-machine:bench-secret' | base64)"
for port in $direct_port $accel_port; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/up" >/dev/null && break; sleep 0.5; done
done
for port in $direct_port $proxy_port $static_port $copy_port $noop_proxy_port; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port/repository/community/bench/package.ipk")
  [ "$code" = 200 ] || { echo "warm-up on port $port answered $code" >&2; cat direct.log accel.log nginx/error.log >&2; exit 1; }
done
for port in $proxy_port $noop_proxy_port; do
  size=$(curl -s -H "$auth" "http://127.0.0.1:$port/repository/community/bench/package.ipk" | wc -c)
  [ "$size" = 1048576 ] || { echo "port $port sent $size bytes instead of the file" >&2; cat nginx/error.log >&2; exit 1; }
done

rate() {
  wrk -t2 -c64 -d"${2}s" -H "$auth" "http://127.0.0.1:$1/repository/community/bench/$3" | awk '/Requests\/sec/ {print $2}'
}
echo "Warming the two Parceler servers up ..." >&2
for _ in 1 2 3 4; do
  for port in $direct_port $proxy_port; do
    for file in Packages.sig package.ipk; do rate "$port" 5 "$file" >/dev/null; done
  done
done

declare -A ports=([nginx]=$static_port [parceler]=$direct_port [accel]=$proxy_port [nginx-copy]=$copy_port [accel-noop]=$noop_proxy_port)
targets=(nginx parceler accel nginx-copy accel-noop)
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
declare -A results
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds ..." >&2
  for file in package.ipk Packages.sig; do
    for target in "${targets[@]}"; do
      results[$file,$target,$round]=$(rate "${ports[$target]}" "$seconds" "$file")
    done
    printf '  %-13s' "$file" >&2
    for target in "${targets[@]}"; do printf ' %s %.0f/s' "$target" "${results[$file,$target,$round]}" >&2; done
    echo >&2
  done
done

printf '\nrequests/s, median of %s rounds of %s s; ratios against nginx within each round, then the median\n' "$rounds" "$seconds"
printf '%-13s' file; for target in "${targets[@]}"; do printf '%13s' "$target"; done
for target in "${targets[@]:1}"; do printf '%14s' "$target/ng"; done; echo
for file in package.ipk Packages.sig; do
  printf '%-13s' "$file"
  for target in "${targets[@]}"; do
    printf '%11.0f/s' "$(for round in $(seq 1 "$rounds"); do echo "${results[$file,$target,$round]}"; done | median)"
  done
  for target in "${targets[@]:1}"; do
    printf '%13.2fx' "$(for round in $(seq 1 "$rounds"); do
      echo "${results[$file,$target,$round]} / ${results[$file,nginx,$round]}" | bc -l; done | median)"
  done
  echo
done
echo "goals: parceler >= 0.9x nginx for the 1 MiB file, >= 0.5x for the 2 KiB file; accel >= 0.9x for both"
echo "references: nginx-copy is what copying through user space costs nginx itself; accel-noop is the most any X-Accel upstream can reach"
