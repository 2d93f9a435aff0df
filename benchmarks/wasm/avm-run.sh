#!/usr/bin/env bash
# AquaVM (avm.wasm 0.62.0) ast() on Lineage.Wasm and on node's V8, same module, same AIR, one run: cold start
# (process start -> first ast result, wall and process CPU; and load -> first result without the runtime's own
# start-up) and warm ms per ast (best of 5 rounds, wall and process CPU). Outputs must be byte-identical.
# Usage: benchmarks/wasm/avm-run.sh [ITERATIONS] [RUNS]   (default 200 iterations per warm round, 3 cold runs)
# Needs scripts/setup.sh (npm ci in tests/harness/marine-js provides avm.wasm).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/benchmarks/wasm"
avm="$root/tests/harness/marine-js/node_modules/@fluencelabs/avm/dist/avm.wasm"
iterations="${1:-200}"
runs="${2:-3}"
mkdir -p "$out"
[ -f "$avm" ] || { echo "avm.wasm not found: run scripts/setup.sh (npm ci in tests/harness/marine-js)" >&2; exit 1; }
dotnet build "$root/benchmarks/Lineage.Wasm.Benchmarks" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
ours="$root/artifacts/bin/Lineage.Wasm.Benchmarks/release/Lineage.Wasm.Benchmarks.dll"

# Alternate the two runtimes so both see the same machine load; keep the median of each key.
: > "$out/avm-v8.txt"; : > "$out/avm-lineage.txt"
for run in $(seq "$runs"); do
  node --no-warnings "$here/avm-v8.mjs" "$avm" "$iterations" >> "$out/avm-v8.txt"
  dotnet "$ours" avm "$avm" "$iterations" >> "$out/avm-lineage.txt"
done

median() { awk -v key="$1" '$1 == key { print $2 }' "$2" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-34s %12s %12s %8s\n' "figure (median of $runs runs)" "Lineage" "V8" "ratio"
for key in cold_wall_ms cold_cpu_ms load_wall_ms load_cpu_ms warm_wall_ms warm_cpu_ms; do
  a="$(median "$key" "$out/avm-lineage.txt")"; b="$(median "$key" "$out/avm-v8.txt")"
  awk -v k="$key" -v a="$a" -v b="$b" 'BEGIN { printf "%-34s %12.3f %12.3f %7.2fx\n", k, a, b, a / b }'
done
if [ "$(awk '$1 == "output_sha256" { print $2 }' "$out/avm-lineage.txt" | sort -u)" = \
     "$(awk '$1 == "output_sha256" { print $2 }' "$out/avm-v8.txt" | sort -u)" ]; then
  echo "ast() output: identical ($(awk '$1 == "output_sha256" { print $2; exit }' "$out/avm-v8.txt" | cut -c1-16)...)"
else
  echo "ast() output: DIFFERS" && exit 1
fi
echo "ratio = Lineage / V8 (lower is better; targets: cold <= 300 ms, warm <= 1.00x); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
