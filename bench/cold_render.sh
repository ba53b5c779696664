#!/usr/bin/env bash
# Cold-render throughput: every article page of the site requested exactly once (paths from the sitemap,
# wrk with bench/lua/walk.lua, ONCE=1), first with the page cache off — each request reads SQLite and
# renders — then with it on, where each request is a miss that renders, gzips (level 9) and brotlis
# (quality 7) the page and keeps it. Prints pages/s and the server's CPU time per page (utime + stime from
# /proc, so wrk's own CPU is not counted).
# Usage: DATA=dir bench/cold_render.sh   (DATA from bench/dataset.sh; without it, a fresh demo portal)
#   CONG=binary, CONNECTIONS=16, MODES="off on", LIMIT=n walks only the first n articles.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
connections=${CONNECTIONS:-16}
modes=${MODES:-"off on"}
work=$(mktemp -d)
pid=""
wrk_pid=""
stop() {
  [[ -n "$wrk_pid" ]] && { kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; wrk_pid=""; }
  [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }
  return 0
}
trap 'stop; rm -rf "$work"' EXIT
if [[ -n "${DATA:-}" ]]; then
  data=$DATA
else
  data=$work/data
  $cong init --demo --data "$data" >/dev/null 2>&1
fi
port=$((20000 + RANDOM % 20000))
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

printf '%-10s %8s %8s %10s %12s %14s %8s %10s\n' cache pages "wall s" "pages/s" "server CPU s" "CPU µs/page" "non-200" "RSS MiB"
for mode in $modes; do
  enabled=false; [[ $mode == on ]] && enabled=true
  CONG_CACHE_ENABLED=$enabled $cong serve --data "$data" --listen "127.0.0.1:$port" 2>"$work/log-$mode" >&2 &
  pid=$!
  until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "cong did not start:"; tail -3 "$work/log-$mode"; exit 1; }
    sleep 0.01
  done
  if [[ ! -f "$work/urls" ]]; then
    bench/article_paths.sh "http://127.0.0.1:$port" >"$work/urls"
    [[ -n "${LIMIT:-}" ]] && { head -n "$LIMIT" "$work/urls" >"$work/urls.cut"; mv "$work/urls.cut" "$work/urls"; }
    # Shuffled, so neither thread walks the database in id order.
    shuf --random-source=<(yes) "$work/urls" -o "$work/urls"
  fi
  pages=$(wc -l <"$work/urls")
  rm -f "$work"/out.*
  before=$(cpu_ticks "$pid")
  URLS=$work/urls THREADS=2 ONCE=1 OUT=$work/out wrk -t2 -c"$connections" -d3600s -s bench/lua/walk.lua \
    "http://127.0.0.1:$port/" >/dev/null 2>&1 &
  wrk_pid=$!
  until [[ -f "$work/out.1" && -f "$work/out.2" ]]; do sleep 0.1; done
  after=$(cpu_ticks "$pid")
  kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; wrk_pid=""
  rss=$(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$pid/status")
  cat "$work"/out.* | awk -v pages="$pages" -v cpu=$((after - before)) -v hz="$ticks" -v mode="$mode" -v rss="$rss" '
    { done += $1; failed += $4; if (first == "" || $2 < first) first = $2; if ($3 > last) last = $3 }
    END {
      wall = (last - first) / 1e9; cpu_s = cpu / hz
      printf "%-10s %8d %8.1f %10.0f %12.1f %14.0f %8d %10s\n", mode, done, wall, done / wall, cpu_s, cpu_s * 1e6 / done, failed, rss
    }'
  if [[ $mode == on ]]; then
    curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^cong_page_cache_(bytes|entries|evictions_total|stores_total) '
  fi
  stop
done
