#!/bin/sh
# As the official image: an empty data folder is initialised with POSTGRES_USER (superuser,
# password POSTGRES_PASSWORD) and POSTGRES_DB, and the server listens on every address of the
# container with password authentication (on its own socket, without).
set -eu
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  password=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" > "$password"
  # shellcheck disable=SC2086 # the initdb arguments are words, as in the official image
  initdb --username="$user" --pwfile="$password" --auth-local=trust --auth-host=scram-sha-256 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$password"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$database" != "postgres" ]; then
    pg_ctl -w -o "-c listen_addresses=''" start >/dev/null
    psql -v ON_ERROR_STOP=1 -q --username="$user" --dbname=postgres \
      -c "CREATE DATABASE \"$database\""
    pg_ctl -w -m fast stop >/dev/null
  fi
fi
exec "$@"
