#!/usr/bin/env bash
# Marine area: Debian's rustc with the wasm32 std (rustup's toolchains lack it) to build the Marine test
# modules under tests/Lineage.Marine.Tests/Modules. Idempotent; apt only when something is missing.
set -euo pipefail
packages=(rustc libstd-rust-dev-wasm32)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
