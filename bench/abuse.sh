#!/usr/bin/env bash
# Bad input under load. While wrk measures a normal (cached) article page, three bad clients run at once:
# 5,000 connections that send nothing (re-opened whenever the server closes one), a slow reader taking the
# home page one byte a second, and a burst of 100,000 requests for distinct URLs that do not exist. A probe
# opens a fresh connection every half second, as a new visitor would. Prints the page's throughput and p99
# before and during the abuse, what each bad client saw, and the peaks of resident memory, page-cache bytes
# and open connections (from /proc and /metrics), to show the server keeps serving within bounded memory.
# Usage: DATA=dir bench/abuse.sh   (DATA from bench/dataset.sh; without it, a fresh demo portal)
#   CONG=binary, SECONDS_UNDER_ABUSE=30, IDLE=5000, MISSING=100000
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
seconds=${SECONDS_UNDER_ABUSE:-30}
idle=${IDLE:-5000}
missing=${MISSING:-100000}
# 5,000 idle sockets on each side, plus the server's own: both the clients and the server need the room.
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > idle + 1000 )) || { echo "ulimit -n $(ulimit -n) is too low for $idle connections"; exit 2; }
work=$(mktemp -d)
pid=""
children=()
stop() {
  for child in "${children[@]}"; do kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; done
  children=()
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
metric() { curl -fsS --max-time 5 "$base/metrics" | awk -v m="$1" '$1==m{print $2}'; }
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$pid/status"; }
# Anonymous memory is the server's own; file-backed is mostly database pages read through mmap (shared with
# the OS page cache, dropped under pressure).
rss_parts() {
  awk '/VmRSS/{t=$2} /RssAnon/{a=$2} /RssFile/{f=$2} /RssShmem/{s=$2}
       END{printf "%.0f MiB (anonymous %.0f + file-backed %.0f)", t/1024, a/1024, (f+s)/1024}' "/proc/$pid/status"
}

$cong serve --data "$data" --listen "127.0.0.1:$port" 2>"$work/log" >&2 &
pid=$!
until curl -fsS "$base/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "cong did not start:"; tail -3 "$work/log"; exit 1; }
    sleep 0.01
  done
article=$(curl -fsS "$base/" | grep -o 'href="/bai-viet/[a-z0-9-]*"' | sed -n 1p | cut -d'"' -f2)
curl -fsS "$base$article" >/dev/null  # now cached

wrk_line() {
  awk '/Requests\/sec/{r=$2} $1=="50%"{p50=$2} $1=="99%"{p99=$2} /Non-2xx/{bad=$5} /Socket errors/{err=$0}
       END{printf "%s req/s, p50 %s, p99 %s%s%s", r, p50, p99, bad ? ", " bad " non-2xx" : "", err ? " (" err ")" : ""}'
}
printf '%-40s %s\n' "page measured" "$article (cached), wrk -t1 -c32"
printf '%-40s %s\n' "before: normal page, ${seconds}s alone" "$(wrk -t1 -c32 -d"${seconds}s" --latency "$base$article" | wrk_line)"
printf '%-40s RSS %s, page cache %s bytes in %s entries\n' "before: memory" "$(rss_parts)" \
  "$(metric cong_page_cache_bytes)" "$(metric cong_page_cache_entries)"

# Distinct paths that do not exist: article and category slugs nobody wrote, and paths no route knows.
awk -v n="$missing" 'BEGIN { for (i = 1; i <= n; i++) {
  k = i % 4
  if (k == 0) print "/bai-viet/khong-co-bai-" i
  else if (k == 1) print "/chuyen-muc/khong-co-muc-" i
  else if (k == 2) print "/khong-co/" i "/trang.html"
  else print "/bai-viet/khong-co-bai-" i "?trang=" i } }' >"$work/missing"

# The measuring wrk first (visitors already connected), then the bad clients.
wrk -t1 -c32 -d"$((seconds + 2))s" --latency "$base$article" >"$work/wrk-during" &
children+=($!)
sleep 1
python3 bench/abuse_clients.py idle "$port" "$idle" "$seconds" >"$work/idle" &
children+=($!)
python3 bench/abuse_clients.py slow "$port" / "$seconds" >"$work/slow" &
children+=($!)
URLS=$work/missing THREADS=1 ONCE=1 OUT=$work/burst wrk -t1 -c32 -d3600s -s bench/lua/walk.lua "$base/" >/dev/null 2>&1 &
burst=$!
children+=($burst)
burst_start=$(date +%s%N)

# Samples every half second: memory, cache, connections; and a fresh connection as a new visitor.
peak_rss=0 peak_parts="" peak_cache=0 peak_entries=0 peak_open=0 probes=0 probe_ok=0 probe_503=0 probe_fail=0 burst_ms=""
end=$(( $(date +%s) + seconds ))
while (( $(date +%s) < end )); do
  kb=$(rss_kb); (( kb > peak_rss )) && { peak_rss=$kb; peak_parts=$(rss_parts); }
  m=$(curl -fsS --max-time 2 "$base/metrics" 2>/dev/null || true)
  b=$(awk '$1=="cong_page_cache_bytes"{print $2}' <<<"$m"); (( ${b:-0} > peak_cache )) && peak_cache=$b
  e=$(awk '$1=="cong_page_cache_entries"{print $2}' <<<"$m"); (( ${e:-0} > peak_entries )) && peak_entries=$e
  o=$(awk '$1=="cong_http_connections_open"{print $2}' <<<"$m"); (( ${o:-0} > peak_open )) && peak_open=$o
  # A new visitor: a fresh connection from an address of its own.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --interface 127.0.0.2 "$base$article" || true)
  probes=$((probes + 1))
  case $code in 200) probe_ok=$((probe_ok + 1));; 503) probe_503=$((probe_503 + 1));; *) probe_fail=$((probe_fail + 1));; esac
  if [[ -z "$burst_ms" && -f "$work/burst.1" ]]; then burst_ms=$(( ($(date +%s%N) - burst_start) / 1000000 )); fi
  sleep 0.5
done
for child in "${children[@]}"; do [[ $child == "$burst" ]] || wait "$child" 2>/dev/null || true; done
[[ -z "$burst_ms" && -f "$work/burst.1" ]] && burst_ms=$(( ($(date +%s%N) - burst_start) / 1000000 ))
kill "$burst" 2>/dev/null || true; wait "$burst" 2>/dev/null || true
children=()

printf '%-40s %s\n' "during: normal page (keep-alive wrk)" "$(wrk_line <"$work/wrk-during")"
printf '%-40s %s of %s fresh connections answered 200, %s got 503, %s failed or timed out (2 s)\n' \
  "during: new visitors (probe)" "$probe_ok" "$probes" "$probe_503" "$probe_fail"
printf '%-40s %s\n' "idle connections" "$(cat "$work/idle")"
printf '%-40s %s\n' "slow reader" "$(cat "$work/slow")"
if [[ -f "$work/burst.1" ]]; then
  read -r done_n _ _ failed_n <"$work/burst.1"
  printf '%-40s %s requests in %.1f s, %s not 200 (404 expected)\n' "missing URLs" "$done_n" \
    "$(awk -v ms="$burst_ms" 'BEGIN{print ms / 1000}')" "$failed_n"
else
  printf '%-40s not finished within %s s\n' "missing URLs" "$seconds"
fi
printf '%-40s RSS %s, page cache %s bytes / %s entries, %s connections open\n' "peaks during" \
  "$peak_parts" "$peak_cache" "$peak_entries" "$peak_open"
sleep 2
printf '%-40s RSS %s, page cache %s bytes / %s entries, misses %s, %s connections open\n' "after" \
  "$(rss_parts)" "$(metric cong_page_cache_bytes)" "$(metric cong_page_cache_entries)" \
  "$(metric cong_page_cache_misses_total)" "$(metric cong_http_connections_open)"
printf '%-40s %s\n' "after: normal page, 10s" "$(wrk -t1 -c32 -d10s --latency "$base$article" | wrk_line)"
kill -0 "$pid" && echo "server still running: yes"
