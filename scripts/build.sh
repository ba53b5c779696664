#!/usr/bin/env bash
# Configures and builds one flavour of Cổng with Ninja and ccache.
#   scripts/build.sh release   → build/release (optimised, what `serve` runs)
#   scripts/build.sh asan      → build/asan    (Debug + AddressSanitizer + UBSan, what the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${1:-release}"
case "$flavour" in
  release) args=(-DCMAKE_BUILD_TYPE=Release -DCONG_TESTS=OFF) ;;
  asan)    args=(-DCMAKE_BUILD_TYPE=Debug -DCONG_SANITIZE=ON -DCONG_TESTS=ON) ;;
  *) echo "usage: $0 release|asan" >&2; exit 2 ;;
esac
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
cmake -S . -B "build/$flavour" -G Ninja "${args[@]}" >/dev/null
cmake --build "build/$flavour" -j "$(nproc)"
