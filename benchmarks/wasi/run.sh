#!/usr/bin/env bash
# WASI call throughput: the same clang-built module (wasi_io.c) under `lineage wasm run` and node:wasi
# (tests/harness/wasi-node/run.mjs), each in a fresh mapped directory, stdout to /dev/null. Prints wall and process
# CPU time (user+sys) of both sides and the ratios from one run. Usage: run.sh [ROUNDS] (default 200).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
clang --target=wasm32-wasi --sysroot=/usr -O2 "$root/benchmarks/wasi/wasi_io.c" -o "$work/wasi_io.wasm"
dotnet build "$root/src/Lineage.Cli/Lineage.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
lineage=("dotnet" "$root/artifacts/bin/Lineage.Cli/release/lineage.dll" wasm run)
node=("node" "--no-warnings" "$root/tests/harness/wasi-node/run.mjs")

measure() { # name, command...
  local name="$1"; shift
  mkdir -p "$work/$name"
  /usr/bin/time -f "%e %U %S" -o "$work/$name.time" "$@" "$work/wasi_io.wasm" --dir "$work/$name::/bench" -- "$rounds" \
    > /dev/null 2> "$work/$name.err"
  read -r wall user sys < "$work/$name.time"
  echo "$wall $(echo "$user + $sys" | bc)"
}

read -r ours_wall ours_cpu < <(measure lineage "${lineage[@]}")
read -r node_wall node_cpu < <(measure node "${node[@]}")
cmp -s "$work/lineage.err" "$work/node.err" || { echo "outputs differ: $(cat "$work/lineage.err") vs $(cat "$work/node.err")" >&2; exit 1; }
printf '%-28s %10s %10s %8s\n' "wasi_io ($rounds rounds)" lineage node ratio
printf '%-28s %10s %10s %8s\n' "wall s" "$ours_wall" "$node_wall" "$(echo "scale=2; $ours_wall / $node_wall" | bc)"
printf '%-28s %10s %10s %8s\n' "process CPU s (user+sys)" "$ours_cpu" "$node_cpu" "$(echo "scale=2; $ours_cpu / $node_cpu" | bc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
