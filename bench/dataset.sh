#!/usr/bin/env bash
# A benchmark data directory: `cong init`, then N published articles over ten years in ~30 categories, with
# real photos and a search index (bench/dataset/dataset.cpp), written through the storage code.
# Usage: bench/dataset.sh [N=100000] [DATA_DIR=/tmp/cong-dataset-N]   — PHOTOS=240 sets the photo pool.
# Uses build/bench (configured with -DCONG_BENCH=ON, built here), or the binaries in $CONG and $CONG_DATASET.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=${2:-/tmp/cong-dataset-$n}
photos=${PHOTOS:-240}
build=${BUILD:-build/bench}
if [[ -z "${CONG:-}" || -z "${CONG_DATASET:-}" ]]; then
  [[ -f "$build/build.ninja" ]] ||
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONG_BENCH=ON -DCONG_TESTS=OFF >/dev/null
  ninja -C "$build" -j2 cong cong_dataset >/dev/null
fi
cong=${CONG:-$build/cong}
dataset=${CONG_DATASET:-$build/src/cache/cong_dataset}
if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
  echo "$dir exists and is not empty: choose a fresh directory" >&2
  exit 2
fi
start=$(date +%s%N)
"$cong" init --data "$dir" >/dev/null 2>&1
"$dataset" "$dir" "$n" "$photos"
echo "data directory: $dir ($(du -sh "$dir" | cut -f1)), made in $(( ($(date +%s%N) - start) / 1000000 )) ms"
