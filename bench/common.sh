# What the benchmarks here share; each sources it (`. bench/common.sh`), nothing runs it alone.

# The checkout this file belongs to.
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# bench_needs SCRIPT TOOL...: stops, naming the first tool missing (nginx may be in /usr/sbin).
bench_needs() {
  local script="$1" tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench/$script needs $tool" >&2; exit 1; }
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# bench_settings WORK: the settings of every benchmark's Parceler: a fresh key, loopback, file
# credentials from WORK/credentials, warnings only.
bench_settings() {
  export APP_TIMEZONE=UTC APP_KEY="base64:$(head -c 32 /dev/urandom | base64)" HTTP_HOST=127.0.0.1 \
    COMMUNITY_AUTH=file AUTH_CREDENTIALS_FILE="$1/credentials" LOG_LEVEL=warn
}

# nginx_front PORT UPSTREAM_PORT NAME STORAGE: the production front (nginx/parceler.conf.template)
# listening on PORT in front of the upstream on UPSTREAM_PORT, its upstream block named NAME (so
# that several fronts fit in one nginx), serving X-Accel-Redirect files from STORAGE.
nginx_front() {
  sed -e "s|\${PARCELER_UPSTREAM}|127.0.0.1:$2|" -e "s|\${PARCELER_STORAGE}|$4|" \
      -e "s|\${NGINX_PORT}|127.0.0.1:$1|" -e "s|upstream parceler|upstream $3|" -e "s|http://parceler;|http://$3;|" \
      "$bench_root/nginx/parceler.conf.template"
}

# nginx_conf FOLDER HTTP_BLOCK: a whole nginx.conf for `nginx -p FOLDER`, two workers, no access
# log, its pid, log and temporary files in FOLDER, with HTTP_BLOCK (directives and servers) in http.
nginx_conf() {
  mkdir -p "$1/tmp"
  cat <<CONF
worker_processes 2;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
$2
}
CONF
}

# nginx_noop_accel PORT FRONT_PORT STORAGE: the production front on FRONT_PORT in front of a
# server on PORT that authorizes nothing and answers every request for repository `bench` at once
# with the redirect into its snapshot 2026-01-01T00:00:00+00:00: the ceiling of any
# X-Accel-Redirect design on this machine.
nginx_noop_accel() {
  nginx_front "$2" "$1" noop "$3"
  cat <<CONF
    server {
        listen 127.0.0.1:$1;
        location ~ ^/repository/community/bench/(.+)\$ {
            add_header X-Accel-Redirect /internal/snapshots/bench/2026-01-01T00%3A00%3A00%2B00%3A00/\$1;
            return 200 "";
        }
    }
CONF
}
