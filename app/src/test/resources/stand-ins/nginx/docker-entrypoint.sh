#!/bin/sh
# As the official image: each template becomes conf.d/<name without .template>, with only the
# variables set in the environment substituted (nginx's own $variables stay).
set -eu
defined=$(printenv | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
for template in /etc/nginx/templates/*.template; do
  [ -f "$template" ] || continue
  name=$(basename "$template" .template)
  envsubst "$defined" < "$template" > "/etc/nginx/conf.d/$name"
done
exec "$@"
