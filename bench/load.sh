#!/usr/bin/env bash
# Load on the public pages: wrk -t2 -c64 -d10s against home, a category, an article, two searches and the
# RSS feed, identity and gzip, with the page cache on and off (the "before"), and, when nginx is installed,
# against nginx serving the very same bytes saved from cong (gzip_static, access log on, 2 workers),
# printing requests/s, p50/p99 latency and the ratio cong/nginx; and, since requests/s on a shared 2-core
# machine say as much about the neighbours as about the server, the server's own CPU time per request
# (utime + stime of the server and its workers from /proc, wrk excluded) and the ratio of those, which hold
# under a noisy load average.
# Usage: bench/load.sh  — uses build/release/cong, or the binary in $CONG; loopback only.
#   DATA=dir       serve that data directory (e.g. from bench/dataset.sh) instead of a fresh demo portal
#   DURATION=10s CONNECTIONS=64 change the wrk run; MODES="on nginx" skips the uncached run;
#   PAGES="home article" measures only those (home category article search search2 rss).
# The page cache keeps no search pages (every query is its own page), but with the cache on, searches'
# answers are kept (search::ResultCache) and a repeated query is not searched again; with it off every
# request searches. They run with the per-address search limit lifted, and nginx's figure for them is for
# the saved result page, an upper bound no search reaches.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rate_limits_off.sh
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
cong=${CONG:-build/release/cong}
[[ -x "$cong" ]] || { echo "no binary at $cong: build it (scripts/build.sh release) or set CONG"; exit 2; }
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
modes=${MODES:-"on off nginx"}
pages=${PAGES:-"home category article search search2 rss"}
work=$(mktemp -d)
pid=""
# CPU seconds used so far by a server process and its children (nginx's workers).
cpu_seconds() {
  local total=0 p
  for p in "$1" $(ps -o pid= --ppid "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.3f", t/hz}'
}
stop_server() { if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

if [[ -n "${DATA:-}" ]]; then
  data=$DATA
  [[ -f "$data/cong.db" ]] || { echo "no database in $DATA (make one with bench/dataset.sh)"; exit 2; }
else
  data=$work/data
  $cong init --demo --data "$data" >/dev/null 2>&1
  # A production portal has its public host set; without it feeds follow the Host header and are not kept.
  $cong site set --data "$data" --host thoxuan.thanhhoa.gov.vn >/dev/null 2>&1
fi
port=$((20000 + RANDOM % 20000))

# Saved file names for nginx (the extension gives its Content-Type).
declare -A saved=([home]=home.html [category]=category.html [article]=article.html [search]=search.html
                  [search2]=search2.html [rss]=rss.xml)
# One word, and a phrase found in most articles.
search_url='/tim-kiem?q=giao+th%C3%B4ng'
search2_url='/tim-kiem?q=%22n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi%22'
rss_url=/rss.xml

# The pages, saved from cong during the first run, for nginx.
mkdir -p "$work/www"
declare -A cong_rps cong_cpu
printf '%-8s %-10s %-9s %12s %10s %10s %12s %11s %11s %11s\n' server page encoding "req/s" p50 p99 "bytes/resp" \
  "cong/nginx" "µs CPU/req" "CPU ratio"
for mode in $modes; do
  if [[ $mode == nginx ]]; then
    command -v nginx >/dev/null || { echo "nginx not installed (apt-get install nginx-light): no comparison"; continue; }
    [[ -f "$work/www/home.html" ]] || { echo "nginx needs the pages saved by the cache-on run"; continue; }
    mkdir -p "$work/nginx-tmp"
    cat >"$work/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log $work/nginx-access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:$port reuseport; root $work/www; gzip_static on; gzip_vary on; }
}
CONF
    nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' 2>"$work/nginx-start.log" &
    pid=$!
    until curl -fsS "http://127.0.0.1:$port/home.html" >/dev/null 2>&1; do
      kill -0 "$pid" 2>/dev/null || { echo "nginx did not start:"; tail -3 "$work/nginx-start.log"; exit 1; }
      sleep 0.01
    done
    declare -A url=()
    for name in $pages; do url[$name]=/${saved[$name]}; done
  else
    enabled=true; [[ $mode == off ]] && enabled=false
    # Access logging stays on (to a file), as in production.
    CONG_CACHE_ENABLED=$enabled CONG_LIMITS_SEARCH_PER_MINUTE=1000000 \
      $cong serve --data "$data" --listen "127.0.0.1:$port" 2>"$work/log-$mode" >&2 &
    pid=$!
    until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "cong did not start:"; tail -3 "$work/log-$mode"; exit 1; }
    sleep 0.01
  done
    # sed reads to the end (head would close the pipe early and pipefail would stop the script).
    front=$(curl -fsS "http://127.0.0.1:$port/")
    declare -A url=([home]=/ [search]=$search_url [search2]=$search2_url [rss]=$rss_url)
    url[category]=$(grep -o 'href="/chuyen-muc/[a-z0-9-]*"' <<<"$front" | sed -n 1p | cut -d'"' -f2)
    url[article]=$(grep -o 'href="/bai-viet/[a-z0-9-]*"' <<<"$front" | sed -n 1p | cut -d'"' -f2)
  fi
  for name in $pages; do
    target=${url[$name]}
    if [[ $mode == on ]]; then
      curl -fsS "http://127.0.0.1:$port$target" -o "$work/www/${saved[$name]}"
      curl -fsS -H "Accept-Encoding: gzip" "http://127.0.0.1:$port$target" -o "$work/www/${saved[$name]}.gz"
    fi
    for enc in identity gzip; do
      bytes=$(curl -fsS -H "Accept-Encoding: $enc" "http://127.0.0.1:$port$target" | wc -c)
      cpu_before=$(cpu_seconds "$pid")
      out=$(wrk -t2 -c"$connections" -d"$duration" -H "Accept-Encoding: $enc" --latency "http://127.0.0.1:$port$target")
      rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
      requests=$(awk '/requests in/{print $1}' <<<"$out")
      us_per=$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$pid")" -v n="$requests" 'BEGIN{printf "%.1f", n ? (b-a)*1e6/n : 0}')
      p50=$(awk '$1=="50%"{print $2}' <<<"$out")
      p99=$(awk '$1=="99%"{print $2}' <<<"$out")
      # Anything but 2xx/3xx (a 429 from a limit, a 5xx) would make the figure meaningless: say so.
      bad=$(awk '/Non-2xx or 3xx responses/{print $5}' <<<"$out")
      ratio="" cpu_ratio=""
      [[ $mode == on ]] && { cong_rps[$name-$enc]=$rps; cong_cpu[$name-$enc]=$us_per; }
      if [[ $mode == nginx && -n "${cong_rps[$name-$enc]:-}" ]]; then
        ratio=$(awk -v c="${cong_rps[$name-$enc]}" -v n="$rps" 'BEGIN{printf "%.2f", c/n}')
        # Above 1: cong spends less CPU than nginx on a request for the same bytes.
        cpu_ratio=$(awk -v c="${cong_cpu[$name-$enc]}" -v n="$us_per" 'BEGIN{printf "%.2f", (c > 0 ? n/c : 0)}')
      fi
      server=$mode; [[ $mode != nginx ]] && server="cong-$mode"
      printf '%-8s %-10s %-9s %12s %10s %10s %12s %11s %11s %11s%s\n' "$server" "$name" "$enc" "$rps" "$p50" "$p99" \
        "$bytes" "$ratio" "$us_per" "$cpu_ratio" "${bad:+  ($bad non-2xx)}"
    done
  done
  if [[ $mode == on ]]; then
    hits=$(curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^cong_page_cache_hits_total/{print $2}')
    printf '%-44s %s\n' "page cache hits during the run" "$hits"
  fi
  if [[ $mode != nginx ]]; then
    printf '%-44s %s MiB\n' "resident memory after load (cache $mode)" "$(awk '/VmRSS/{printf "%.1f", $2/1024}' /proc/$pid/status)"
  fi
  stop_server
done
