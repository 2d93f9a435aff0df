#!/usr/bin/env bash
# npm ci for every test harness with a committed lockfile (tests/harness/*/package-lock.json).
set -euo pipefail
root="${LINEAGE_ROOT:?}"
for lock in "$root"/tests/harness/*/package-lock.json; do
  [ -e "$lock" ] || continue
  dir="$(dirname "$lock")"
  if [ ! -d "$dir/node_modules" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "npm ci in tests/harness/$(basename "$dir")"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
