#!/usr/bin/env bash
# Compute kernels on Lineage.Wasm and on node's V8, same .wasm, one run. Prints both times (best wall and best
# process CPU of RUNS calls), the speed ratios (V8 time / our time: 1.00 = as fast as V8) per kernel and their
# geometric means. Checksums must agree. On a loaded machine the CPU ratio is the steadier figure.
# Usage: benchmarks/wasm/run.sh [RUNS] [name=scale ...]   (default: 3 runs, the scales of wasm-runtime.md §9.2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/benchmarks/wasm"
mkdir -p "$out"
runs="${1:-3}"; shift || true
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(fib=8 sieve=2 matmul=10 nbody=2 sha256=2 qsort=2 trees=1 memops=1 mandel=2)

clang --target=wasm32-wasi -mexec-model=reactor -O2 "$here/kernels.c" -o "$out/kernels.wasm" -lm
dotnet build "$root/benchmarks/Lineage.Wasm.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
node "$here/bench-v8.mjs" "$out/kernels.wasm" "$runs" "${specs[@]}" > "$out/v8.txt"
dotnet "$root/artifacts/bin/Lineage.Wasm.Benchmarks/release/Lineage.Wasm.Benchmarks.dll" \
  "$out/kernels.wasm" "$runs" "${specs[@]}" > "$out/lineage.txt"

join <(sort "$out/v8.txt") <(sort "$out/lineage.txt") | awk '
  BEGIN { printf "%-8s %10s %10s %8s %10s %10s %8s %s\n", "kernel", "V8 ms", "ours ms", "wall", "V8 cpu", "ours cpu", "cpu", "checksums"; n = 0 }
  { wall = $2 / $5; cpu = $4 / $7; n++; lw += log(wall); lc += log(cpu);
    printf "%-8s %10.1f %10.1f %7.2fx %10.1f %10.1f %7.2fx %s\n", $1, $2, $5, wall, $4, $7, cpu, ($3 == $6 ? "equal" : "DIFFER " $3 " vs " $6) }
  END { if (n > 0) printf "geomean speed relative to V8: wall %.2fx, CPU %.2fx (target >= 0.75x)\n", exp(lw / n), exp(lc / n) }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
