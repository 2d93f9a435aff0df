#!/usr/bin/env bash
# apt packages shared by several areas. Skips apt entirely when everything is already installed.
set -euo pipefail
# wabt: spec-suite conversion and test modules; clang/lld/wasi-libc: C test modules and kernels; Debian's rustc with
# the wasm32 std (rustup's toolchains lack it) builds the Marine test modules.
packages=(wabt clang lld libclang-rt-14-dev-wasm32 wasi-libc rustc libstd-rust-dev-wasm32)
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
