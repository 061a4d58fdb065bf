#!/usr/bin/env bash
# Installs Parceler as three systemd services (serve, worker, scheduler) on this machine, from
# a built jar: `mvn -B -DskipTests package && sudo deploy/systemd/install.sh`.
# Needs Java 17+, rclone (for rclone sync commands) and, in front, nginx with
# nginx/parceler.conf.template rendered (PARCELER_UPSTREAM=127.0.0.1:8080,
# PARCELER_STORAGE=/var/lib/parceler/app). `parceler health serve worker scheduler` checks them.
set -euo pipefail
cd "$(dirname "$0")/../.."
id parceler >/dev/null 2>&1 || useradd --system --home-dir /var/lib/parceler --shell /usr/sbin/nologin parceler
install -d -o parceler -g parceler /var/lib/parceler
install -d /opt/parceler /etc/parceler
install -m 0644 app/target/parceler.jar /opt/parceler/parceler.jar
install -m 0755 parceler /opt/parceler/parceler
/opt/parceler/parceler --version
if [ ! -f /etc/parceler/parceler.env ]; then
  # The same .env as for ./parceler and docker compose: this checkout's, or the example.
  settings=.env
  [ -f "$settings" ] || settings=.env.example
  install -m 0640 -g parceler "$settings" /etc/parceler/parceler.env
  if grep -q '^APP_KEY=$' /etc/parceler/parceler.env; then
    key=$(/opt/parceler/parceler key:generate --show)
    sed -i "s|^APP_KEY=$|APP_KEY=$key|" /etc/parceler/parceler.env
  fi
  echo "Wrote /etc/parceler/parceler.env from $settings: review it, then start the services."
fi
install -m 0644 deploy/systemd/parceler-*.service /etc/systemd/system/
systemctl daemon-reload
systemctl enable parceler-serve.service parceler-worker.service parceler-scheduler.service
echo "Start with: systemctl start parceler-serve parceler-worker parceler-scheduler"
