#!/usr/bin/env bash
# Where the time of a small authorized download goes behind nginx (X-Accel-Redirect): wrk drives
# the production front (nginx/parceler.conf.template) in front of `parceler serve` for a 2 KiB
# file, as bench/download.sh does, while the JDK's flight recorder samples the app. Prints
#   - requests per second, and the CPU each party used per request (the app's JVM, nginx, wrk),
#     read from /proc: on a 2-core machine the three share the same cores;
#   - the app's hottest methods (own time, from execution samples) and where its request time
#     goes by layer (the first frame of ours, Javalin's or Jetty's in each sample's stack);
#   - what the app allocates per class (allocation samples, by weight).
#
#   bench/accel-profile.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
seconds="${1:-20}"
bench_needs accel-profile.sh wrk nginx curl jcmd jfr python3
mvn -q -B -DskipTests package >&2
jar="$PWD/app/target/parceler.jar"
work="$(mktemp -d)"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
app_port=$(free_port); front_port=$(free_port); noop_port=$(free_port); noop_front_port=$(free_port)

cd "$work"
snapshot="storage/app/snapshots/bench/2026-01-01T00:00:00+00:00"
mkdir -p "$snapshot" nginx
head -c 2048 /dev/urandom > "$snapshot/Packages.sig"
echo "community:bench-machine:bench-secret" > credentials
bench_settings "$work"
java -jar "$jar" repo:create --name bench --command true --source-folder '' --delay 3650 --no-sync >/dev/null
HTTP_PORT=$app_port DOWNLOAD_X_ACCEL_PREFIX=/internal java -jar "$jar" serve >serve.log 2>&1 &
serve_pid=$!
# The production front in front of serve; the second one in front of another nginx that answers
# every request with the redirect at once: the ceiling of any X-Accel-Redirect design (as in
# bench/download.sh).
nginx_conf "$work/nginx" "$(nginx_front "$front_port" "$app_port" parceler "$work/storage/app")
$(nginx_noop_accel "$noop_port" "$noop_front_port" "$work/storage/app")" > nginx/nginx.conf
chmod -R a+rX "$work"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"

auth="Authorization: Basic $(printf 'bench-machine:bench-secret' | base64)"
url="http://127.0.0.1:$front_port/repository/community/bench/Packages.sig"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$app_port/up" >/dev/null && break; sleep 0.5; done
size=$(curl -s -H "$auth" "$url" | wc -c)
[ "$size" = 2048 ] || { echo "the front sent $size bytes instead of the file" >&2; cat serve.log nginx/error.log >&2; exit 1; }

echo "Warming the app up (the JIT compiles the download path under load) ..." >&2
for _ in 1 2 3 4; do wrk -t2 -c64 -d5s -H "$auth" "$url" >/dev/null; done

# CPU ticks (user + system) of a set of processes, from /proc/<pid>/stat fields 14 and 15.
ticks() { local sum=0 pid; for pid in "$@"; do
  [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
nginx_pids=$(pgrep -P "$(cat nginx/nginx.pid)" | tr '\n' ' ')

# One run of wrk against $1; sets rate, and the CPU per request in microseconds of the app,
# nginx (front and, for the ceiling, the no-op upstream) and wrk.
measure() {
  local app_before nginx_before wrk_pid wrk_ticks=0 now app_after nginx_after requests hz
  app_before=$(ticks "$serve_pid"); nginx_before=$(ticks $nginx_pids)
  wrk -t2 -c64 -d"${seconds}s" -H "$auth" "$1" > wrk.txt &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    now=$(ticks "$wrk_pid"); [ "$now" -gt "$wrk_ticks" ] && wrk_ticks=$now
    sleep 0.5
  done
  app_after=$(ticks "$serve_pid"); nginx_after=$(ticks $nginx_pids)
  hz=$(getconf CLK_TCK)
  requests=$(awk '/requests in/ {print $1}' wrk.txt)
  rate=$(awk '/Requests\/sec/ {print $2}' wrk.txt)
  app_us=$(echo "($app_after - $app_before) * 1000000 / $hz / $requests" | bc -l)
  nginx_us=$(echo "($nginx_after - $nginx_before) * 1000000 / $hz / $requests" | bc -l)
  wrk_us=$(echo "$wrk_ticks * 1000000 / $hz / $requests" | bc -l)
}
noop_url="http://127.0.0.1:$noop_front_port/repository/community/bench/Packages.sig"
measure "$noop_url"
ceiling=$rate; ceiling_us=$(echo "$nginx_us + $wrk_us" | bc -l)
printf '\nceiling (no-op upstream): %.0f requests/s; CPU per request: nginx %.1f us, wrk %.1f us\n' \
  "$rate" "$nginx_us" "$wrk_us"
measure "$url"
printf 'Parceler (X-Accel):       %.0f requests/s = %.2fx the ceiling; CPU per request: app %.1f us, nginx %.1f us, wrk %.1f us\n' \
  "$rate" "$(echo "$rate / $ceiling" | bc -l)" "$app_us" "$nginx_us" "$wrk_us"
accel_app_us=$app_us; accel_nginx_us=$nginx_us; accel_wrk_us=$wrk_us
# The profile is a run of its own: recording costs this request path several times its own CPU
# (bench/accel-profile.jfc), so the figures above are unrecorded and the recording gives shares.
# A recorded warm-up first: starting the recorder makes the JIT compile the request path again.
jcmd "$serve_pid" JFR.start name=warm settings="$bench_root/bench/accel-profile.jfc" >/dev/null
wrk -t2 -c64 -d10s -H "$auth" "$url" >/dev/null
jcmd "$serve_pid" JFR.stop name=warm >/dev/null
jcmd "$serve_pid" JFR.start name=accel settings="$bench_root/bench/accel-profile.jfc" filename="$work/accel.jfr" >/dev/null
measure "$url"
jcmd "$serve_pid" JFR.stop name=accel >/dev/null
printf 'the same, recorded:       %.0f requests/s; CPU per request: app %.1f us\n' "$rate" "$app_us"
app_us=$accel_app_us; nginx_us=$accel_nginx_us; wrk_us=$accel_wrk_us
# Both cores are busy in either run, so requests per second follow the CPU all parties spend on a
# request: 0.8x the ceiling leaves the app 1/0.8 of the ceiling's CPU, less what nginx and wrk
# spend on the same request.
printf 'for 0.8x the ceiling the app may spend at most %.1f us of CPU per request (it spends %.1f)\n' \
  "$(echo "$ceiling_us / 0.8 - $nginx_us - $wrk_us" | bc -l)" "$app_us"

jfr print --json --events jdk.ExecutionSample,jdk.ObjectAllocationSample accel.jfr > samples.json
python3 - samples.json <<'PY'
import json, sys, collections
events = json.load(open(sys.argv[1]))["recording"]["events"]
def frames(event):
    # The recorder names classes as the JVM does (java/lang/String): dotted here.
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".")
            for f in event["values"]["stackTrace"]["frames"]]
own, layer, alloc = collections.Counter(), collections.Counter(), collections.Counter()
samples = 0
def layer_of(stack):
    # Whose code is running: the innermost frame that is not the JDK's own (a JDK method runs on
    # behalf of its caller), named by its library, or by its package for ours.
    for name in stack:
        if name.startswith(("java.", "javax.", "sun.", "jdk.")):
            continue
        parts = name.split(".")
        return ".".join(parts[:3])
    return "JDK only"
for event in events:
    if event["type"] == "jdk.ExecutionSample":
        stack = frames(event)
        if not stack:
            continue
        samples += 1
        own[stack[0]] += 1
        layer[layer_of(stack)] += 1
    elif event["type"] == "jdk.ObjectAllocationSample":
        alloc[event["values"]["objectClass"]["name"].replace("/", ".")] += event["values"]["weight"]
print(f"\napp execution samples: {samples}")
print("\nhottest methods (own time):")
for name, count in own.most_common(20):
    print(f"  {100 * count / samples:5.1f}%  {name}")
print("\ntime by whose code runs (innermost frame outside the JDK):")
for name, count in layer.most_common(12):
    print(f"  {100 * count / samples:5.1f}%  {name}")
total = sum(alloc.values()) or 1
print(f"\nallocation by class (sampled weight, {total / 2**20:.0f} MiB in all):")
for name, weight in alloc.most_common(15):
    print(f"  {100 * weight / total:5.1f}%  {name}")
PY
