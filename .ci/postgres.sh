#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the PostgreSQL tests and exports SALESBOT_TEST_POSTGRES.
#
#   source .ci/postgres.sh          # CI and local runs: installs Debian's postgresql if missing, starts a server
#   salesbot_postgres_stop          # stops it and removes its data (CI does this from an EXIT trap)
#
# The cluster lives in a temporary folder owned by the postgres user (PostgreSQL refuses to run as root) and
# listens on 127.0.0.1 only, on a free port, so it never clashes with another server on the machine.

salesbot_postgres_start() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "postgres: installing Debian's postgresql package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

  local run_as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    run_as=(runuser -u postgres --)
  fi

  SALESBOT_PG_DIR=$(mktemp -d /tmp/salesbot-pg.XXXXXX)
  chmod 755 "$SALESBOT_PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$SALESBOT_PG_DIR"

  # A free loopback port: ask the kernel for one, then hand it to the server.
  local port
  if command -v python3 >/dev/null 2>&1; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  else
    port=$((20000 + RANDOM % 20000))
  fi
  local password=salesbot-ci

  printf '%s\n' "$password" > "$SALESBOT_PG_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres: "$SALESBOT_PG_DIR/pwfile"
  "${run_as[@]}" "$bin/initdb" -D "$SALESBOT_PG_DIR/data" -U salesbot --pwfile="$SALESBOT_PG_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$SALESBOT_PG_DIR/initdb.log" 2>&1 \
    || { cat "$SALESBOT_PG_DIR/initdb.log" >&2; return 1; }
  # fsync off: a test server's data is thrown away anyway; max_connections covers several hosts' pools in parallel tests.
  "${run_as[@]}" "$bin/pg_ctl" -D "$SALESBOT_PG_DIR/data" -l "$SALESBOT_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $SALESBOT_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$SALESBOT_PG_DIR/server.log" >&2; return 1; }

  export SALESBOT_PG_BIN="$bin"
  export SALESBOT_PG_DIR
  export SALESBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=salesbot;Password=$password;Database=postgres"
  echo "postgres: started on 127.0.0.1:$port (data in $SALESBOT_PG_DIR); SALESBOT_TEST_POSTGRES is set" >&2
}

salesbot_postgres_stop() {
  if [ -n "${SALESBOT_PG_DIR:-}" ] && [ -d "$SALESBOT_PG_DIR/data" ]; then
    local run_as=()
    [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
    "${run_as[@]}" "$SALESBOT_PG_BIN/pg_ctl" -D "$SALESBOT_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$SALESBOT_PG_DIR"
  fi
}

salesbot_postgres_start
