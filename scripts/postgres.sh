#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks, in a directory of its own.
#   scripts/postgres.sh start DIR [PORT]   creates the cluster (first time), starts it, prints its URL
#   scripts/postgres.sh stop DIR           stops it (fast shutdown); the files stay until DIR is removed
#   scripts/postgres.sh restart DIR        stops and starts it again on the same port (for recovery tests)
#   scripts/postgres.sh url DIR            prints the URL of a started cluster
# The server listens only on 127.0.0.1, trusts local connections (user "cong") and keeps its socket in DIR.
# As root, the server runs as the "postgres" user, since PostgreSQL refuses to run as root.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
command=${1:?usage: postgres.sh start|stop|restart|url DIR [PORT]}
dir=${2:?usage: postgres.sh start|stop|restart|url DIR [PORT]}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local port=${1:-}
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    [[ $(id -u) == 0 ]] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U cong -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # Tests create and drop many databases and connect from several nodes at once; durability
    # settings stay at their defaults, so a crash test on this cluster means what it says.
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 128MB
log_min_messages = warning
EOF
  fi
  [[ -z "$port" && -f "$dir/port" ]] && port=$(cat "$dir/port")
  [[ -z "$port" ]] && port=$(free_port)
  echo "$port" >"$dir/port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null
  url
}

stop() {
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

url() {
  echo "postgresql://cong@127.0.0.1:$(cat "$dir/port")/postgres"
}

case "$command" in
  start) start "${3:-}" ;;
  stop) stop ;;
  restart) stop; start ;;
  url) url ;;
  *) echo "unknown command: $command" >&2; exit 2 ;;
esac
