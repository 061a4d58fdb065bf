#!/usr/bin/env bash
# Download benchmark: wrk on loopback (2 threads, 64 connections, a machine whose subscription
# answer is cached) against `parceler serve` sending files itself, against nginx serving the
# same files statically, and against nginx in front of Parceler with X-Accel-Redirect, for a
# 1 MiB package and a 2 KiB signature file. Prints requests/s of each and the ratios.
#
#   bench/download.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench/download.sh needs $tool" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -f app/target/parceler.jar ] || mvn -q -B -DskipTests package >&2
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
sed -e "s|\${PARCELER_UPSTREAM}|127.0.0.1:$accel_port|" -e "s|\${PARCELER_STORAGE}|$work/storage/app|" \
    -e "s|\${NGINX_PORT}|127.0.0.1:$proxy_port|" "$OLDPWD/nginx/parceler.conf.template" > nginx/conf.d/parceler.conf
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
    server {
        listen 127.0.0.1:$static_port;
        location /repository/community/bench/ { alias $work/$snapshot/; }
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
for port in $direct_port $proxy_port $static_port; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port/repository/community/bench/package.ipk")
  [ "$code" = 200 ] || { echo "warm-up on port $port answered $code" >&2; cat direct.log accel.log nginx/error.log >&2; exit 1; }
done

# The JIT compiles the download path during the first seconds: measure a warm server, as in production.
for port in $direct_port $proxy_port; do
  for file in package.ipk Packages.sig; do
    wrk -t2 -c64 -d"$(( seconds / 2 + 3 ))s" -H "$auth" "http://127.0.0.1:$port/repository/community/bench/$file" >/dev/null
  done
done

rate() {
  wrk -t2 -c64 -d"${seconds}s" -H "$auth" "http://127.0.0.1:$1/repository/community/bench/$2" | awk '/Requests\/sec/ {print $2}'
}
printf '\n%-10s %14s %14s %14s %10s %10s\n' file "nginx static" "parceler" "nginx+accel" direct/ng accel/ng
for file in package.ipk Packages.sig; do
  static=$(rate "$static_port" "$file")
  direct=$(rate "$direct_port" "$file")
  accel=$(rate "$proxy_port" "$file")
  printf '%-12s %12.0f/s %12.0f/s %12.0f/s %9.2fx %9.2fx\n' "$file" "$static" "$direct" "$accel" \
    "$(echo "$direct / $static" | bc -l)" "$(echo "$accel / $static" | bc -l)"
done
echo "goals: direct >= 0.9x nginx for the 1 MiB file, >= 0.5x for the 2 KiB file; nginx+accel >= 0.9x for both"
