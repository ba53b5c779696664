#!/usr/bin/env bash
# Builds every libFuzzer target with clang (ASan + UBSan) and runs each for a bounded time:
# tests/fuzz/run.sh [SECONDS=30] [BUILD_DIR=build/fuzz]. Exits non-zero on any finding; the crashing input
# is left as BUILD_DIR/<target>-crash-… for `BUILD_DIR/<target>_fuzz FILE` to replay, and the target's
# output in BUILD_DIR/<target>.log. Two jobs at a time: the machines this runs on have two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
out="${2:-build/fuzz}"
cxx="$(command -v clang++-14 || command -v clang++)"
parallel=2
mkdir -p "$out"

# name | sources besides tests/fuzz/<name>_fuzz.cpp | defines and libraries | -max_len
# http_request links src/http/asio_impl.cpp with cong_http's defines: the parser it fuzzes is compiled
# exactly as the server's is.
targets=(
  "vietnamese|src/core/vietnamese.cpp|-licuuc -licui18n -licudata|4096"
  "http_request|src/http/asio_impl.cpp src/http/client_address.cpp src/http/message.cpp src/http/request_target.cpp src/http/router.cpp src/core/vietnamese.cpp src/core/result.cpp|-DBOOST_ASIO_SEPARATE_COMPILATION -DBOOST_BEAST_SEPARATE_COMPILATION -DBOOST_ASIO_NO_DEPRECATED -DBOOST_ASIO_NO_TS_EXECUTORS -licuuc -licui18n -licudata|20000"
  "multipart|src/media/multipart.cpp src/media/file_name.cpp src/core/vietnamese.cpp src/core/result.cpp|-licuuc -licui18n -licudata|20000"
  "document|src/content/document.cpp src/render/html_writer.cpp src/core/json.cpp src/core/vietnamese.cpp src/core/result.cpp|-licuuc -licui18n -licudata|16384"
  "search_query|src/search/search_query.cpp src/core/vietnamese.cpp src/core/result.cpp|-licuuc -licui18n -licudata -lsqlite3|1024"
  "target_csv|src/targets/csv.cpp src/core/vietnamese.cpp src/core/result.cpp|-licuuc -licui18n -licudata|65536"
)

# A failed job leaves this file behind; statuses of background jobs are easy to lose, files are not.
failed="$out/.failed"
rm -f "$failed"
# Waits until fewer than $parallel jobs are running.
limit_jobs() {
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
}

build() {
  local name="$1" sources="$2" libs="$3"
  # shellcheck disable=SC2086  # the lists are meant to split into words
  if ! "$cxx" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc \
      -DBOOST_JSON_NO_LIB -DBOOST_CONTAINER_NO_LIB "tests/fuzz/${name}_fuzz.cpp" $sources $libs \
      -o "$out/${name}_fuzz" >"$out/$name.build.log" 2>&1; then
    echo "fuzz: building ${name}_fuzz failed:" >&2
    cat "$out/$name.build.log" >&2
    return 1
  fi
}

run() {
  local name="$1" max_len="$2" dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=("-dict=tests/fuzz/$name.dict")
  mkdir -p "$out/corpus/$name"
  # New inputs go to a scratch corpus in the build dir; the seeds under tests/fuzz/corpus stay as committed.
  if ! "$out/${name}_fuzz" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 "${dict[@]}" \
      -artifact_prefix="$out/$name-" "$out/corpus/$name" "tests/fuzz/corpus/$name" >"$out/$name.log" 2>&1; then
    echo "fuzz: ${name}_fuzz found a problem (full output in $out/$name.log):" >&2
    grep -v '^    #[0-9]' "$out/$name.log" | tail -n 40 >&2
    return 1
  fi
  echo "fuzz: ${name}_fuzz $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$out/$name.log" || echo finished)"
}

started=$SECONDS
for target in "${targets[@]}"; do
  IFS='|' read -r name sources libs max_len <<<"$target"
  limit_jobs
  { build "$name" "$sources" "$libs" || touch "$failed"; } &
done
wait
[ ! -e "$failed" ] || exit 1
echo "fuzz: built ${#targets[@]} targets in $((SECONDS - started)) s"

for target in "${targets[@]}"; do
  IFS='|' read -r name sources libs max_len <<<"$target"
  limit_jobs
  { run "$name" "$max_len" || touch "$failed"; } &
done
wait
[ ! -e "$failed" ] || exit 1
echo "fuzz: every target ran ${seconds} s without a finding ($((SECONDS - started)) s in all)"
