#!/usr/bin/env bash
# Start time and resident memory with a large site: time from `cong serve` to the first 200 on /healthz and
# on the home page (3 starts, the median), resident memory at idle after start, at its peak under load and
# after the load. The load is wrk -t2 -c64 on a mix that fills the page cache: the home page, every
# category, the feed and DISTINCT (default 20,000) different article pages, cycled (bench/lua/walk.lua).
# Usage: DATA=dir bench/memory.sh   (DATA from bench/dataset.sh; without it, a fresh demo portal)
#   CONG=binary, DURATION=30s, DISTINCT=20000; CONG_* variables (e.g. CONG_CACHE_MAX_BYTES) reach the server.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
duration=${DURATION:-30s}
distinct=${DISTINCT:-20000}
work=$(mktemp -d)
pid=""
sampler=""
stop() {
  [[ -n "$sampler" ]] && { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""; }
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
base=http://127.0.0.1:$port
# Resident memory and its parts: anonymous (the heap: caches, buffers, SQLite's page caches) and file-backed
# (the binary, libraries, and the database pages SQLite reads through mmap — shared with the OS page cache
# and dropped by the kernel under pressure without any write).
rss_mib() {
  awk '/VmRSS/{t=$2} /RssAnon/{a=$2} /RssFile/{f=$2} /RssShmem/{s=$2}
       END{printf "%.1f MiB (anonymous %.1f + file-backed %.1f)", t/1024, a/1024, (f+s)/1024}' "/proc/$1/status"
}
metric() { curl -fsS "$base/metrics" | awk -v m="$1" '$1==m{print $2}'; }

# Start: the first 200 on /healthz (listening, database open) and on / (the first page rendered from SQLite).
health=() home=()
for run in 1 2 3; do
  start=$(date +%s%N)
  $cong serve --data "$data" --listen "127.0.0.1:$port" 2>"$work/log" >&2 &
  pid=$!
  until curl -fsS "$base/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "cong did not start:"; tail -3 "$work/log"; exit 1; }
    sleep 0.002
  done
  health+=($(( ($(date +%s%N) - start) / 1000000 )))
  curl -fsS "$base/" >/dev/null
  home+=($(( ($(date +%s%N) - start) / 1000000 )))
  [[ $run == 3 ]] || stop
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
printf '%-52s %s ms (runs: %s)\n' "start to first 200 on /healthz, median of 3" "$(median "${health[@]}")" "${health[*]}"
printf '%-52s %s ms (runs: %s)\n' "start to first 200 on / (home rendered), median of 3" "$(median "${home[@]}")" "${home[*]}"
sleep 2
printf '%-52s %s\n' "resident memory at idle after start" "$(rss_mib "$pid")"

# The mix: for every 10 articles, the home page and one category; the feed; every category once.
bench/article_paths.sh "$base" >"$work/all-articles"
shuf --random-source=<(yes) -n "$distinct" "$work/all-articles" >"$work/articles"
curl -fsS "$base/" | grep -o 'href="/chuyen-muc/[a-z0-9-]*"' | cut -d'"' -f2 | sort -u >"$work/categories"
awk -v cats="$(paste -sd' ' "$work/categories")" 'BEGIN { n = split(cats, c, " ") }
  { print; if (NR % 10 == 0) { print "/"; print c[(NR / 10) % n + 1] } }
  END { print "/rss.xml"; for (i = 1; i <= n; i++) print c[i] }' "$work/articles" >"$work/mix"
printf '%-52s %s paths (%s distinct articles, %s categories)\n' "load mix" "$(wc -l <"$work/mix")" \
  "$(wc -l <"$work/articles")" "$(wc -l <"$work/categories")"

# Peak resident memory, sampled every 100 ms while wrk runs.
( peak=0; while kill -0 "$pid" 2>/dev/null; do
    kb=$(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    (( kb > peak )) && { peak=$kb; rss_mib "$pid" >"$work/peak"; }
    sleep 0.1
  done ) &
sampler=$!
out=$(URLS=$work/mix THREADS=2 wrk -t2 -c64 -d"$duration" --latency -s bench/lua/walk.lua "$base/")
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
printf '%-52s %s req/s, p50 %s, p99 %s\n' "mixed load, wrk -t2 -c64 -d$duration" \
  "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")"
bad=$(awk '/Non-2xx or 3xx responses/{print $5}' <<<"$out")
[[ -n "$bad" ]] && printf '%-52s %s\n' "non-2xx answers during the load" "$bad"
printf '%-52s %s\n' "resident memory, peak under load" "$(cat "$work/peak")"
printf '%-52s %s\n' "resident memory right after the load" "$(rss_mib "$pid")"
printf '%-52s %s entries, %s MiB, %s evictions, hits %s, misses %s\n' "page cache after the load" "$(metric cong_page_cache_entries)" \
  "$(awk -v b="$(metric cong_page_cache_bytes)" 'BEGIN{printf "%.1f", b/1048576}')" "$(metric cong_page_cache_evictions_total)" \
  "$(metric cong_page_cache_hits_total)" "$(metric cong_page_cache_misses_total)"
sleep 10
printf '%-52s %s\n' "resident memory 10 s after the load" "$(rss_mib "$pid")"
