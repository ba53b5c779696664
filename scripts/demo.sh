#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running portal with demo content on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
data="${CONG_DATA:-./data}"
if [[ ! -f "$data/cong.db" ]]; then
  build/release/cong init --demo --data "$data"
else
  echo "Using the existing database in $data (remove it for fresh demo content)."
fi
echo "Portal: http://${CONG_LISTEN:-127.0.0.1:8080}/  — stop with Ctrl+C"
exec build/release/cong serve --data "$data" --listen "${CONG_LISTEN:-127.0.0.1:8080}"
