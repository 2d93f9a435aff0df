#!/usr/bin/env bash
# npm ci in DIR (a folder with a committed package-lock.json) unless its node_modules is already newer than the lock.
#   bash scripts/lib/npm-ci-if-stale.sh DIR LABEL
set -euo pipefail
dir="$1"; label="${2:-$1}"
lock="$dir/package-lock.json"
[ -e "$lock" ] || { echo "no package-lock.json in $label" >&2; exit 1; }
if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
  echo "npm ci in $label" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
