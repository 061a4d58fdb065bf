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
seconds="${1:-5}"
rounds="${2:-3}"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench/download.sh needs $tool" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
direct_port=$(free_port); accel_port=$(free_port); proxy_port=$(free_port); static_port=$(free_port)
copy_port=$(free_port); noop_port=$(free_port); noop_proxy_port=$(free_port)

# One repository with a served snapshot holding the two files.
cd "$work"
snapshot="storage/app/snapshots/bench/2026-01-01T00:00:00+00:00"
mkdir -p "$snapshot"
head -c 1048576 /dev/urandom > "$snapshot/package.ipk"
head -c 2048 /dev/urandom > "$snapshot/Packages.sig"
echo "community:bench-machine:bench-secret" > credentials
export APP_TIMEZONE=UTC APP_KEY="base64:$(head -c 32 /dev/urandom | base64)" HTTP_HOST=127.0.0.1 \
  COMMUNITY_AUTH=file AUTH_CREDENTIALS_FILE="$work/credentials" LOG_LEVEL=warn
java -jar "$jar" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
HTTP_PORT=$direct_port java -jar "$jar" serve >direct.log 2>&1 & pids+=($!)
HTTP_PORT=$accel_port DOWNLOAD_X_ACCEL_PREFIX=/internal java -jar "$jar" serve >accel.log 2>&1 & pids+=($!)

mkdir -p nginx/conf.d nginx/tmp
# The production front (nginx/parceler.conf.template) listening on $1, in front of the upstream
# on $2, its upstream block named $3.
front() {
  sed -e "s|\${PARCELER_UPSTREAM}|127.0.0.1:$2|" -e "s|\${PARCELER_STORAGE}|$work/storage/app|" \
      -e "s|\${NGINX_PORT}|127.0.0.1:$1|" -e "s|upstream parceler|upstream $3|" -e "s|http://parceler;|http://$3;|" \
      "$OLDPWD/nginx/parceler.conf.template" > "nginx/conf.d/$3.conf"
}
front "$proxy_port" "$accel_port" parceler
# The same front, in front of an upstream that answers every request with the redirect at once.
front "$noop_proxy_port" "$noop_port" noop
accel_folder="/internal/snapshots/bench/2026-01-01T00%3A00%3A00%2B00%3A00"
cat > nginx/nginx.conf <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    include $work/nginx/conf.d/parceler.conf;
    include $work/nginx/conf.d/noop.conf;
    server {
        listen 127.0.0.1:$static_port;
        location /repository/community/bench/ { alias $work/$snapshot/; }
    }
    server {
        listen 127.0.0.1:$copy_port;
        sendfile off;
        location /repository/community/bench/ { alias $work/$snapshot/; }
    }
    server {
        listen 127.0.0.1:$noop_port;
        location ~ ^/repository/community/bench/(.+)\$ {
            add_header X-Accel-Redirect $accel_folder/\$1;
            return 200 "";
        }
    }
}
CONF
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
