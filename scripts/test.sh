#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the whole test suite: unit and integration
# tests under AddressSanitizer + UBSan against the real `cong` binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh asan
# The optimised build is what users run (scripts/demo.sh); its warnings differ, so it must build too.
scripts/build.sh release
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 300
# Every libFuzzer target (tests/fuzz/README.md: HTTP request path, multipart, documents, search queries,
# the Vietnamese normaliser), clang with ASan + UBSan, each for a bounded time.
tests/fuzz/run.sh "${CONG_FUZZ_SECONDS:-30}" build/fuzz
# Mixed load at 128 connections (pages, searches, API writes): no 5xx, no acknowledged write lost.
bench/soak.sh "${CONG_SOAK_SECONDS:-20}"
# The public site through real clients (Chromium + axe-core, the Nu HTML Checker, a feed parser, xmllint).
tests/e2e/run.sh build/release/cong
