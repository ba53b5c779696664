#!/usr/bin/env bash
# Soak: mixed load on the demo portal for a long time — every kind of public page (home, categories,
# articles, targets, New Rural Development, feeds, sitemap, static files, a missing page), searches, and
# article writes through the API — at 128 connections, watching the server's resident memory and open file
# descriptors. Fails when any answer is a 5xx, when an acknowledged write (201) is not in the database
# afterwards, or, for runs of 5 minutes or more, when the process's own memory (RssAnon: heap and stacks)
# grew 10 % or more after the warm-up (the first fifth of the run) or descriptors kept growing. The database
# file SQLite maps into memory grows with the writes and is reported beside it, not judged.
#
# Usage: bench/soak.sh [SECONDS=600]   — uses build/release/cong, or the binary in $CONG; loopback only.
# CONNECTIONS=128 THREADS=2 change the wrk run. scripts/test.sh runs a 20-second version.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "soak: needs wrk (apt-get install wrk)"; exit 2; }
command -v sqlite3 >/dev/null || { echo "soak: needs sqlite3 (apt-get install sqlite3)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "soak: no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
seconds=${1:-600}
connections=${CONNECTIONS:-128}
threads=${THREADS:-2}
work=$(mktemp -d)
pid=""
sampler=""
cleanup() {
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

data="$work/data"
"$cong" init --demo --data "$data" >/dev/null 2>&1
"$cong" user add --login soak --role admin --password-stdin --data "$data" <<<"mat-khau-soak-2026" >/dev/null
token=$("$cong" token create --login soak --data "$data")
source bench/rate_limits_off.sh
"$cong" serve --data "$data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(grep 'listening' "$work/server.log" 2>/dev/null | grep -o '127\.0\.0\.1:[0-9]*' | head -1 | cut -d: -f2 || true)
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "soak: the server did not start"; cat "$work/server.log"; exit 1; }
base="http://127.0.0.1:$port"

# Every page type, from the portal's own sitemaps and pages.
{
  curl -fsS "$base/sitemap.xml"
  for child in $(curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*sitemap[^<]*\.xml</loc>' | sed 's/<[^>]*>//g'); do
    curl -fsS "${child/http:\/\/*:$port/$base}" || true
  done
} | grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e 's#^https\?://[^/]*##' | grep -v 'sitemap.*\.xml$' | sort -u >"$work/paths"
curl -fsS "$base/" | grep -o '/static/[^"]*' | sort -u >>"$work/paths"
printf '%s\n' / /rss.xml /sitemap.xml /robots.txt /khong-co-trang-nay >>"$work/paths"
[[ $(wc -l <"$work/paths") -ge 10 ]] || { echo "soak: found only $(wc -l <"$work/paths") pages to read"; exit 1; }
category=$(grep -m1 '^/chuyen-muc/' "$work/paths" | cut -d/ -f3)

{
  echo "paths = {"
  sed 's/.*/  "&",/' "$work/paths"
  echo "}"
  cat <<LUA
local token = "$token"
local category = "$category"
local words = { "nông thôn mới", "hoi nghi", "lúa", "chỉ tiêu", "HĐND", "thôn", "giao thông", "khai mạc", "y te" }
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  created = 0
  server_errors = 0
end

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  n = n + 1
  if n % 50 == 0 then
    local title = "Bài soak " .. id .. "-" .. n
    local body = '{"title":"' .. title .. '","lead":"Tin kiểm tra tải.","category":"' .. category ..
      '","status":"published","body":{"type":"doc","content":[{"type":"paragraph","content":' ..
      '[{"type":"text","text":"Nội dung ' .. title .. '."}]}]}}'
    return wrk.format("POST", "/api/v1/articles",
      { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
  elseif n % 10 == 0 then
    return wrk.format("GET", "/tim-kiem?q=" .. encode(words[(n / 10) % #words + 1]))
  end
  return wrk.format("GET", paths[n % #paths + 1], { ["Accept-Encoding"] = (n % 3 == 0) and "br" or "gzip" })
end

function response(status, headers, body)
  if status == 201 then created = created + 1 end
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local c, e = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    e = e + t:get("server_errors")
  end
  io.write(string.format("SOAK requests=%d created=%d server_errors=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, c, e, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
} >"$work/soak.lua"

articles_before=$(sqlite3 "$data/cong.db" "SELECT count(*) FROM articles")
# Resident memory (kB) and descriptors, every second, while the load runs.
# RssAnon is the process's own memory (heap, stacks: where a leak shows); RssFile is the database file mapped
# by SQLite (mmap), which grows with the database itself as the writes add articles.
( while kill -0 "$pid" 2>/dev/null; do
    read -r rss anon file < <(awk '/^VmRSS:/ {r=$2} /^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} END {print r+0, a+0, f+0}' \
      "/proc/$pid/status" 2>/dev/null || echo "0 0 0")
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    echo "$SECONDS $rss $fds $anon $file"
    sleep 1
  done ) >"$work/samples" &
sampler=$!

echo "soak: ${seconds}s, $connections connections, $(wc -l <"$work/paths") pages + searches + API writes, against $base"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$work/soak.lua" "$base" | tee "$work/wrk.out"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""

line=$(grep '^SOAK ' "$work/wrk.out")
value() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $line"; }
created=$(value created)
server_errors=$(value server_errors)
articles_after=$(sqlite3 "$data/cong.db" "SELECT count(*) FROM articles")
stored=$((articles_after - articles_before))
# Memory after warm-up (the sample at a fifth of the run) against the end; descriptors likewise.
mapfile -t samples <"$work/samples"
count=${#samples[@]}
warm=$((count / 5))
read -r _ rss_warm fds_warm anon_warm file_warm <<<"${samples[$warm]}"
read -r _ rss_end fds_end anon_end file_end <<<"${samples[$((count - 1))]}"
read -r _ rss_start fds_start anon_start file_start <<<"${samples[0]}"
growth=$(awk -v a="$anon_warm" -v b="$anon_end" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
db_mib=$(( $(stat -c %s "$data/cong.db") / 1048576 ))
printf 'soak: %s requests, %s writes acknowledged, %s stored, %s answers 5xx\n' "$(value requests)" "$created" "$stored" "$server_errors"
printf 'soak: p50 %s ms, p99 %s ms, socket errors %s\n' "$(value p50_ms)" "$(value p99_ms)" "$(value socket_errors)"
printf 'soak: own memory (RssAnon) %s MiB at start, %s MiB after warm-up, %s MiB at the end (%s%% growth)\n' \
  "$((anon_start / 1024))" "$((anon_warm / 1024))" "$((anon_end / 1024))" "$growth"
printf 'soak: resident in all %s / %s / %s MiB, of which file-backed (binary, libraries, mapped database) %s / %s / %s MiB; database now %s MiB\n' \
  "$((rss_start / 1024))" "$((rss_warm / 1024))" "$((rss_end / 1024))" \
  "$((file_start / 1024))" "$((file_warm / 1024))" "$((file_end / 1024))" "$db_mib"
printf 'soak: open descriptors %s at start, %s after warm-up, %s at the end\n' "$fds_start" "$fds_warm" "$fds_end"

failed=0
[[ "$server_errors" == 0 ]] || { echo "soak: FAIL: $server_errors answers were 5xx"; failed=1; }
# A write in flight when wrk stops may be stored without its answer being counted: more is fine, fewer is loss.
((stored >= created)) || { echo "soak: FAIL: $created writes acknowledged but only $stored stored"; failed=1; }
if ((seconds >= 300)); then
  awk -v g="$growth" 'BEGIN { exit !(g < 10) }' || { echo "soak: FAIL: memory grew $growth% after warm-up"; failed=1; }
  ((fds_end <= fds_warm + connections)) || { echo "soak: FAIL: descriptors grew from $fds_warm to $fds_end"; failed=1; }
fi
grep -iE '"level":"(error|critical)"|level=(error|critical)' "$work/server.log" | head -5 || true
exit "$failed"
