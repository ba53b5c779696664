#!/usr/bin/env bash
# End-to-end checks of the public site with real clients, against the real binary serving the demo portal:
# axe-core in Debian's Chromium (playwright-core), the Nu HTML Checker (vnu-jar), python3-feedparser on the
# feeds and xmllint with the sitemaps.org schemas on the sitemap. Screenshots and the checked HTML go to
# tests/e2e/artifacts/. Exits non-zero on any failure and always stops the server it started.
#
# Usage: tests/e2e/run.sh [PATH_TO_CONG]   (or CONG_BINARY=…; default build/release/cong)
# Needs: chromium, nodejs + npm, a Java runtime, python3-feedparser, libxml2-utils
# (scripts/install-deps.sh --test installs them).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cong="${1:-${CONG_BINARY:-$root/build/release/cong}}"
[[ "$cong" = /* ]] || cong="$PWD/$cong"
if [[ ! -x "$cong" ]]; then
  echo "e2e: no cong binary at $cong (build it, or pass its path)" >&2
  exit 2
fi
# Debian's python3 has python3-feedparser; a python3 earlier on PATH (pyenv, venv) may not.
python="${PYTHON:-/usr/bin/python3}"
artifacts="$here/artifacts"
started=$SECONDS

cd "$here"
if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  # No install scripts: vnu-jar's would download a Java runtime, and the machine has one.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

data="$(mktemp -d /tmp/cong-e2e.XXXXXX)"
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop_server EXIT

rm -rf "$artifacts"
mkdir -p "$artifacts/html" "$artifacts/screenshots"

"$cong" init --demo --data "$data" >"$artifacts/init.log" 2>&1
# Port 0: the kernel picks a free loopback port, which the server reports in its log.
"$cong" serve --data "$data" --listen 127.0.0.1:0 >"$artifacts/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(grep -oP 'listening.*127\.0\.0\.1:\K[0-9]+' "$artifacts/server.log" | head -1 || true)"
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$port" ]]; then
  echo "e2e: cong serve did not report its port" >&2
  cat "$artifacts/server.log" >&2
  exit 1
fi
base="http://127.0.0.1:$port"
echo "e2e: $cong serving the demo portal at $base"

failed=0
step() {
  local name="$1"
  shift
  echo "== $name"
  if ! "$@"; then
    echo "e2e: $name FAILED" >&2
    failed=1
  fi
}

step "browser: axe-core, layout, page weight, reader controls, screenshots" \
  node check_pages.mjs "$base" "$artifacts"
step "feeds: python3-feedparser" "$python" check_feeds.py "$base" "$artifacts"
# Starts its own server on a fresh demo database: it signs in, writes, uploads, publishes and locks an account.
step "back office: editor, uploads, workflow, CSRF, roles, schedule, GPS, lockout, axe-core" \
  node back_office.mjs "$cong" "$artifacts"

# Called as a condition, where set -e does not apply: every command says itself when it fails.
validate_sitemap() {
  curl -fsS "$base/sitemap.xml" -o "$artifacts/sitemap.xml" || return 1
  if grep -q '<sitemapindex' "$artifacts/sitemap.xml"; then
    xmllint --noout --schema schemas/siteindex.xsd "$artifacts/sitemap.xml" || return 1
    local n=1
    for loc in $(grep -oP '<loc>\K[^<]+' "$artifacts/sitemap.xml"); do
      curl -fsS "$loc" -o "$artifacts/sitemap-$n.xml" || return 1
      xmllint --noout --schema schemas/sitemap.xsd "$artifacts/sitemap-$n.xml" || return 1
      n=$((n + 1))
    done
  else
    xmllint --noout --schema schemas/sitemap.xsd "$artifacts/sitemap.xml" || return 1
  fi
}
step "sitemap: xmllint against the sitemaps.org schema" validate_sitemap

validate_html() {
  local files=("$artifacts"/html/*.html)
  echo "vnu: ${#files[@]} documents: $(cd "$artifacts/html" && echo *.html)"
  # --errors-only: warnings (such as the Nu checker's advice on trailing slashes) do not fail the run.
  java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu "${files[@]}" \
    2>"$artifacts/vnu.txt" || {
    cat "$artifacts/vnu.txt" >&2
    echo "vnu: $(wc -l <"$artifacts/vnu.txt") errors" >&2
    return 1
  }
  echo "vnu: 0 errors"
}
step "HTML: the Nu HTML Checker (vnu-jar)" validate_html

echo "e2e: finished in $((SECONDS - started)) s; artifacts in $artifacts"
exit "$failed"
