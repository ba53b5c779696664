#!/usr/bin/env bash
# First reading of the foundation's figures on this machine: binary size, time from start to the
# first 200 on /healthz, resident memory at idle with the demo content, and requests/s on an article
# page with wrk. Usage: bench/first_reading.sh  (builds the release binary if needed; loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
scripts/build.sh release >/dev/null
cong=build/release/cong
work=$(mktemp -d)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

$cong init --demo --data "$work/data" 2>/dev/null
port=$((20000 + RANDOM % 20000))
start_ns=$(date +%s%N)
$cong serve --data "$work/data" --listen "127.0.0.1:$port" 2>"$work/log" &
pid=$!
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.002; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 1
rss_idle_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
article=$(curl -fsS "http://127.0.0.1:$port/" | grep -o 'href="/bai-viet/[a-z0-9-]*"' | head -1 | cut -d'"' -f2)

printf '%-44s %s\n' "binary size" "$(du -h $cong | cut -f1) ($(stat -c %s $cong) bytes)"
printf '%-44s %s ms\n' "start to first 200 on /healthz" "$ready_ms"
printf '%-44s %s MiB\n' "resident memory at idle (demo content)" "$(awk "BEGIN{printf \"%.1f\", $rss_idle_kb/1024}")"
for enc in identity gzip; do
  out=$(wrk -t2 -c64 -d10s -H "Accept-Encoding: $enc" "http://127.0.0.1:$port$article" --latency)
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  printf '%-44s %s req/s, p99 %s\n' "article page, wrk -t2 -c64 -d10s ($enc)" "$rps" "$p99"
done
printf '%-44s %s MiB\n' "resident memory after load" "$(awk '/VmRSS/{printf "%.1f", $2/1024}' /proc/$pid/status)"
