#!/usr/bin/env bash
# SQLite against PostgreSQL, in the same run on the same data: cached pages with one node and with two nodes
# on one PostgreSQL, cold renders (page cache off: every request reads the database and renders), searches
# and API writes. Prints one table: engine, nodes, what, requests/s, p50, p99, non-2xx answers.
# Usage: bench/postgres.sh  — uses build/release/cong, or the binary in $CONG; everything on loopback.
#   DATA=dir    copy that data directory (e.g. from bench/dataset.sh) instead of a fresh demo portal
#   DURATION=10s CONNECTIONS=64 change the wrk runs (writes use CONNECTIONS/4)
# PostgreSQL 15 is a cluster of the script's own (scripts/postgres.sh, default settings), filled with
# `cong migrate-db` from the SQLite data, whose time is reported too. On a 2-core machine two nodes share the
# same two cores as one node and the database: the two-node figure shows the cost of the cluster machinery,
# not the gain of a second machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || { echo "needs PostgreSQL 15 (apt-get install postgresql-15)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
cong=$(realpath "$cong")
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
writers=$(( connections / 4 > 0 ? connections / 4 : 1 ))
work=$(mktemp -d)
# The cluster's own directory: as root, PostgreSQL runs as "postgres", which may not enter $work (mode 700).
pg_dir=/tmp/cong-bench-pg-$$
pids=()
stop_nodes() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup() { stop_nodes; scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$work" "$pg_dir"; }
trap cleanup EXIT

data=$work/data
if [[ -n "${DATA:-}" ]]; then
  [[ -f "$DATA/cong.db" ]] || { echo "no database in $DATA"; exit 2; }
  cp -a "$DATA" "$data"
else
  $cong init --demo --data "$data" >/dev/null 2>&1
fi
token=$($cong token create --login admin --data "$data" 2>/dev/null || true)
[[ -n "$token" ]] || { $cong user add --login bench --role admin --password-stdin --data "$data" <<<"mat-khau-do-tai-2024" >/dev/null 2>&1; token=$($cong token create --login bench --data "$data"); }

server=$(scripts/postgres.sh start "$pg_dir")
createdb_url=${server%/postgres}
psql -X -q "$server" -c "CREATE DATABASE cong_bench" >/dev/null
url=$createdb_url/cong_bench
start=$(date +%s%N)
$cong migrate-db --from "$data" --to "$url" >"$work/migrate.out" 2>"$work/migrate.err"
migrate_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rows=$(awk 'NR>1 && $4=="ok"{s+=$2} END{print s+0}' "$work/migrate.out")

# start_node ENGINE_DATA PORT [ENV…]: a node in the background, waited for.
start_node() {
  local data=$1 port=$2; shift 2
  env "$@" $cong serve --data "$data" --media "$work/data/media" --listen "127.0.0.1:$port" \
    >>"$work/log-$port" 2>&1 &
  pids+=($!)
  until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "cong did not start:"; tail -3 "$work/log-$port"; exit 1; }
    sleep 0.01
  done
}

# measure LABEL NODES WHAT PATH PORTS… : wrk on each port at once (connections split), summed req/s; the
# latencies are those of the first port's run.
measure() {
  local engine=$1 nodes=$2 what=$3 path=$4; shift 4
  local ports=("$@") n=${#ports[@]} i=0 script=() conns=$connections threads=2
  [[ $what == "API write" ]] && { script=(-s bench/lua/post_article.lua); conns=$writers; }
  (( n > 1 )) && threads=1
  local per=$(( conns / n > 0 ? conns / n : 1 ))
  local runs=()
  for port in "${ports[@]}"; do
    TOKEN=$token wrk -t"$threads" -c"$per" -d"$duration" --latency -H "Accept-Encoding: gzip" "${script[@]}" \
      "http://127.0.0.1:$port$path" >"$work/wrk.$i" 2>&1 &
    runs+=($!)
    i=$((i + 1))
  done
  wait "${runs[@]}"
  local rps=0 bad=0
  for ((i = 0; i < n; i++)); do
    rps=$(awk -v s="$rps" '/Requests\/sec/{s += $2} END{printf "%.0f", s}' "$work/wrk.$i")
    bad=$(( bad + $(awk '/Non-2xx or 3xx responses/{n = $5} END{print n + 0}' "$work/wrk.$i") ))
  done
  local p50 p99
  p50=$(awk '$1=="50%"{print $2}' "$work/wrk.0")
  p99=$(awk '$1=="99%"{print $2}' "$work/wrk.0")
  printf '%-10s %5s  %-16s %10s %10s %10s %8s\n' "$engine" "$nodes" "$what" "$rps" "$p50" "$p99" "${bad:-0}"
}

port_a=$((20000 + RANDOM % 20000))
port_b=$((port_a + 1))
printf '%-10s %5s  %-16s %10s %10s %10s %8s\n' engine nodes what "req/s" p50 p99 non-2xx
for engine in SQLite PostgreSQL; do
  source_data=$data; [[ $engine == PostgreSQL ]] && source_data=$url
  # Cached pages and searches, one node.
  start_node "$source_data" "$port_a"
  front=$(curl -fsS "http://127.0.0.1:$port_a/")
  article=$(grep -o 'href="/bai-viet/[a-z0-9-]*"' <<<"$front" | sed -n 1p | cut -d'"' -f2)
  measure "$engine" 1 "cached home" / "$port_a"
  measure "$engine" 1 "cached article" "$article" "$port_a"
  measure "$engine" 1 "search" "/api/v1/search?q=nong+thon+moi" "$port_a"
  measure "$engine" 1 "API write" /api/v1/articles "$port_a"
  stop_nodes
  # Cold renders: no page cache, every request reads the database and renders the article.
  start_node "$source_data" "$port_a" CONG_CACHE_ENABLED=false
  measure "$engine" 1 "cold article" "$article" "$port_a"
  stop_nodes
  if [[ $engine == PostgreSQL ]]; then
    start_node "$url" "$port_a"
    start_node "$url" "$port_b"
    measure "$engine" 2 "cached home" / "$port_a" "$port_b"
    measure "$engine" 2 "cached article" "$article" "$port_a" "$port_b"
    measure "$engine" 2 "search" "/api/v1/search?q=nong+thon+moi" "$port_a" "$port_b"
    measure "$engine" 2 "API write" /api/v1/articles "$port_a" "$port_b"
    stop_nodes
  fi
done
echo "migrate-db: $rows rows in $migrate_ms ms ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
