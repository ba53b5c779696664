#!/usr/bin/env bash
# Prints the path of every article a running cong lists in its sitemap (an index of pages when the site
# is large), one per line. Usage: bench/article_paths.sh http://127.0.0.1:PORT
set -euo pipefail
base=$1
curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' | while read -r loc; do
  path=/${loc#*://*/}
  if [[ $path == /sitemap* ]]; then
    curl -fsS "$base$path" | grep -o '<loc>[^<]*/bai-viet/[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e 's#^[a-z]*://[^/]*##'
  elif [[ $path == /bai-viet/* ]]; then
    echo "$path"
  fi
done
