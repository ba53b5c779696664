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
# A PostgreSQL 15 of the test run's own on loopback (scripts/postgres.sh), stopped and removed at the end.
pg_dir=$(mktemp -d /tmp/cong-test-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
pg_url=$(scripts/postgres.sh start "$pg_dir")
# Every test on SQLite, except the cluster tests, which need PostgreSQL.
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 300 -LE '^cluster$' \
  -E '^integration\.(Cluster|ClusterRestart|MigrateDb)$'
# The same unit tests of everything that touches storage on PostgreSQL (each test gets a fresh database), the
# cluster tests, and the multi-node integration suites; here a missing PostgreSQL fails instead of skipping.
export CONG_TEST_POSTGRES_URL=$pg_url CONG_REQUIRE_POSTGRES=1
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 300 -LE '^(core|http|render|cache)$' \
  -E '^integration\.'
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 600 \
  -R '^integration\.(Cluster|ClusterRestart|MigrateDb)$'
unset CONG_TEST_POSTGRES_URL CONG_REQUIRE_POSTGRES
# Every libFuzzer target (tests/fuzz/README.md: HTTP request path, multipart, documents, search queries,
# the Vietnamese normaliser), clang with ASan + UBSan, each for a bounded time.
tests/fuzz/run.sh "${CONG_FUZZ_SECONDS:-30}" build/fuzz
# Mixed load at 128 connections (pages, searches, API writes): no 5xx, no acknowledged write lost.
bench/soak.sh "${CONG_SOAK_SECONDS:-20}"
# The public site through real clients (Chromium + axe-core, the Nu HTML Checker, a feed parser, xmllint).
tests/e2e/run.sh build/release/cong
