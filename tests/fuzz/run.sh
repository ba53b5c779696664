#!/usr/bin/env bash
# Builds the libFuzzer target for the Vietnamese normaliser with clang (ASan + UBSan) and runs it for a
# bounded time: tests/fuzz/run.sh [SECONDS=30] [BUILD_DIR=build/fuzz]. Exits non-zero on any finding;
# the crashing input is left in BUILD_DIR for `BUILD_DIR/vietnamese_fuzz FILE` to replay.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
out="${2:-build/fuzz}"
cxx="$(command -v clang++-14 || command -v clang++)"
mkdir -p "$out/corpus"
"$cxx" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc \
  tests/fuzz/vietnamese_fuzz.cpp src/core/vietnamese.cpp -licuuc -licui18n -licudata -o "$out/vietnamese_fuzz"
# New inputs go to a scratch corpus in the build dir; the seeds under tests/fuzz/corpus stay as committed.
"$out/vietnamese_fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -artifact_prefix="$out/" \
  "$out/corpus" tests/fuzz/corpus
