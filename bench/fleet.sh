#!/usr/bin/env bash
# Fleet benchmark: the same files fetched as OpenWrt's wget (opkg, apk on the devices) fetches
# them, a request without credentials, the 401, then the request with Basic credentials
# (bench/fleet.lua), by MACHINES distinct machines (10,000), from
#   nginx   nginx alone, with its own auth_basic and a password file of the same machines
#           ({SHA} entries, the cheapest nginx reads; nginx reads the file on every request);
#   front   the compose stack's front: nginx/parceler.conf.template (which answers the 401 itself)
#           with X-Accel-Redirect, in front of `parceler serve` started by the launcher with
#           DOWNLOAD_X_ACCEL_PREFIX=/internal and COMMUNITY_AUTH=file, its authorization cache
#           warmed with every machine first.
# The files are a feed's mix: many of 1-4 KiB (indexes, signatures, small packages), some of
# 100-500 KiB, a few of 1-5 MiB, picked at random. wrk on loopback (2 threads, CONNECTIONS
# connections), after warming the JVM up, in interleaved rounds; prints requests/s (two per file),
# p50 and p99 latency of every request, and front/nginx, the median over the rounds.
#
#   bench/fleet.sh [SECONDS_PER_RUN] [ROUNDS] [CONNECTIONS]
# Runs the jar of $PARCELER_JAR when set, else builds app/target/parceler.jar from this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
seconds="${1:-10}"
rounds="${2:-2}"
connections="${3:-64}"
machines=10000
bench_needs fleet.sh wrk nginx curl python3
project="$PWD"
if [ -n "${PARCELER_JAR:-}" ]; then
  jar="$(readlink -f "$PARCELER_JAR")"
else
  # Always the jar of the code checked out: a stale one would measure something else.
  mvn -q -B -pl app -am -DskipTests package >&2
  jar="$PWD/app/target/parceler.jar"
fi
work="$(mktemp -d)"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  [ -n "$serve_pid" ] && for _ in $(seq 1 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$work"
}
trap cleanup EXIT

app_port=$(free_port); front_port=$(free_port); static_port=$(free_port)
cd "$work"
snapshot="storage/app/snapshots/bench/2026-01-01T00:00:00+00:00"
mkdir -p "$snapshot"

# The files, the machines (Parceler's credentials file, nginx's password file, the headers the
# clients send) and the list of files the clients pick from.
python3 - "$snapshot" "$machines" <<'PY'
import base64, hashlib, os, random, sys
folder, machines = sys.argv[1], int(sys.argv[2])
rng = random.Random(15)
names = []
for count, low, high, kind in ((400, 1024, 4096, "small"), (40, 100 * 1024, 500 * 1024, "medium"), (5, 1 << 20, 5 << 20, "large")):
    for i in range(count):
        name = f"{kind}-{i:03d}_1.0-r1_all.ipk"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(os.urandom(rng.randint(low, high)))
        names.append(name)
with open("files.txt", "w") as f:
    f.write("\n".join(names) + "\n")
with open("credentials", "w") as parceler, open("htpasswd", "w") as nginx, open("authorizations.txt", "w") as clients:
    for i in range(machines):
        user, secret = f"machine-{i:05d}", f"secret-{i:05d}-{rng.getrandbits(64):016x}"
        parceler.write(f"community:{user}:{secret}\n")
        nginx.write(f"{user}:{{SHA}}{base64.b64encode(hashlib.sha1(secret.encode()).digest()).decode()}\n")
        clients.write("Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode() + "\n")
PY

bench_settings "$work"
export HTTP_PORT="$app_port" DB_DATABASE="$work/storage/database.sqlite" STORAGE_ROOT="$work/storage/app" \
  DOWNLOAD_X_ACCEL_PREFIX=/internal SERVE_STOP_TIMEOUT=2
java -jar "$jar" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
# serve as the image and the units start it: through the launcher, with its settings.
PARCELER_JAR="$jar" "$project/parceler" serve >serve.log 2>&1 &
serve_pid=$!

mkdir -p nginx
# As the official nginx image and Debian's package configure the http block.
nginx_conf "$work/nginx" "    default_type application/octet-stream;
    tcp_nopush on;
    keepalive_requests 100000;
$(nginx_front "$front_port" "$app_port" parceler "$work/storage/app")
    server {
        listen 127.0.0.1:$static_port;
        server_tokens off;
        location /repository/community/bench/ {
            alias $work/$snapshot/;
            auth_basic \"Parceler\";
            auth_basic_user_file $work/htpasswd;
        }
    }" > nginx/nginx.conf
# nginx workers run as an unprivileged user: they must be able to read the files.
chmod -R a+rX "$work"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"

for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$app_port/up" >/dev/null && break; sleep 0.5; done
prefix=/repository/community/bench/
first="$(head -1 files.txt)"
last_machine="$(tail -1 authorizations.txt)"
for port in $static_port $front_port; do
  challenge=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$prefix$first")
  answer=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: $last_machine" "http://127.0.0.1:$port$prefix$first")
  [ "$challenge $answer" = "401 200" ] || { echo "port $port answered $challenge, then $answer" >&2; cat serve.log nginx/error.log >&2; exit 1; }
done

echo "Warming the authorization cache with $machines machines ..." >&2
python3 - "$front_port" "$prefix$first" <<'PY'
import http.client, sys, threading
port, path = int(sys.argv[1]), sys.argv[2]
authorizations = open("authorizations.txt").read().split("\n")[:-1]
failures = []
def warm(part):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for authorization in part:
        connection.request("GET", path, headers={"Authorization": authorization})
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            failures.append(answer.status)
threads = [threading.Thread(target=warm, args=(authorizations[i::4],)) for i in range(4)]
for thread in threads: thread.start()
for thread in threads: thread.join()
if failures:
    sys.exit(f"{len(failures)} machines were not authorized: {sorted(set(failures))}")
PY

run() {
  wrk -t2 -c"$connections" -d"${2}s" --latency -s "$project/bench/fleet.lua" "http://127.0.0.1:$1" -- \
    files.txt authorizations.txt "$prefix" 2
}
# "Latency  1.23ms" and " 50%  1.10ms" in any unit, as milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u); f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", n * f }'; }
figures() {
  local out="$1" requests non2xx
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")
  # Every other request is the challenge: the 401s must be half, or something else failed.
  python3 -c "import sys; r, n = int(sys.argv[1]), int(sys.argv[2] or 0); sys.exit(0 if abs(n - r / 2) <= $connections + 2 else 1)" \
    "$requests" "${non2xx:-0}" || { echo "unexpected answers: $requests requests, ${non2xx:-0} not 2xx" >&2; echo "$out" >&2; exit 1; }
  grep -q "Socket errors" <<<"$out" && { echo "socket errors:" >&2; echo "$out" >&2; exit 1; }
  printf '%s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
}

echo "Warming serve up ..." >&2
for _ in 1 2; do run "$front_port" 10 >/dev/null; done

declare -A rate p50 p99
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds ..." >&2
  for target in nginx front; do
    port=$static_port; [ "$target" = front ] && port=$front_port
    out=$(run "$port" "$seconds")
    line=$(figures "$out")
    read -r rate[$target,$round] p50[$target,$round] p99[$target,$round] <<<"$line"
    printf '  %-6s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms\n' "$target" "${rate[$target,$round]}" "${p50[$target,$round]}" "${p99[$target,$round]}" >&2
  done
done

median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '\n%s machines, %s files (400 of 1-4 KiB, 40 of 100-500 KiB, 5 of 1-5 MiB), %s connections; each file is a 401 then a 200\n' \
  "$machines" "$(wc -l < files.txt)" "$connections"
printf 'median of %s rounds of %s s\n' "$rounds" "$seconds"
printf '%-8s %12s %10s %10s %12s\n' target "requests/s" "p50 ms" "p99 ms" "files/s"
declare -A median_rate
for target in nginx front; do
  r=$(for round in $(seq 1 "$rounds"); do echo "${rate[$target,$round]}"; done | median)
  median_rate[$target]=$r
  printf '%-8s %12.0f %10.2f %10.2f %12.0f\n' "$target" "$r" \
    "$(for round in $(seq 1 "$rounds"); do echo "${p50[$target,$round]}"; done | median)" \
    "$(for round in $(seq 1 "$rounds"); do echo "${p99[$target,$round]}"; done | median)" "$(echo "$r / 2" | bc -l)"
done
printf 'front/nginx requests/s: %.2fx (median of the ratios within each round)\n' "$(for round in $(seq 1 "$rounds"); do
  echo "${rate[front,$round]} / ${rate[nginx,$round]}" | bc -l; done | median)"
