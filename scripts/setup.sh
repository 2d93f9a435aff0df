#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian 12 machine: each area adds its own idempotent script
# under scripts/setup.d/ (apt packages, npm ci of a committed lockfile, generated test data).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LINEAGE_ROOT="$root"
for step in "$root"/scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== setup: $(basename "$step")"
  bash "$step"
done
