#!/usr/bin/env bash
# Installs the Debian 12 packages Cổng needs to build and run (and, with --test, to test).
# Idempotent: installs only what is missing, and runs apt-get update only then.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libsqlite3-dev libicu-dev libvips-dev libsodium-dev
  libcli11-dev libtoml11-dev libspdlog-dev libfmt-dev libbrotli-dev zlib1g-dev
  libssl-dev libpq-dev
)
# The build bundles the back office's editor (web/admin) with esbuild: Node.js and npm. A Node.js that brings
# its own npm (NodeSource) conflicts with Debian's npm package, so npm is added only when none is there.
packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev curl python3 sqlite3 wrk)
  # tests/fuzz: libFuzzer comes with clang (its runtime is in libclang-rt-14-dev).
  packages+=(clang libclang-rt-14-dev)
  # The PostgreSQL store's tests: a throwaway PostgreSQL 15 on loopback (scripts/postgres.sh).
  packages+=(postgresql-15 postgresql-client-15)
  # tests/e2e: Debian's Chromium, Node.js (playwright-core, axe-core), a Java runtime for the Nu HTML Checker,
  # the feed parser and xmllint. A Node.js that brings its own npm (NodeSource) conflicts with Debian's npm.
  packages+=(chromium python3-feedparser libxml2-utils)
  command -v java >/dev/null || packages+=(default-jre-headless)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
