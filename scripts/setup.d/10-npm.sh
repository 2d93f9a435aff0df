#!/usr/bin/env bash
# npm ci for every folder with a committed lockfile: the test harnesses (tests/harness/*/) and the AquaVM package
# the node ships (src/Lineage.Node/AquaVmPackage).
set -euo pipefail
root="${LINEAGE_ROOT:?}"
for lock in "$root"/tests/harness/*/package-lock.json "$root"/src/Lineage.Node/AquaVmPackage/package-lock.json; do
  [ -e "$lock" ] || continue
  dir="$(dirname "$lock")"
  bash "$root/scripts/lib/npm-ci-if-stale.sh" "$dir" "${dir#"$root"/}"
done
