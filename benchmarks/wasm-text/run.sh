#!/usr/bin/env bash
# Text-format parsing: WatParser vs wabt's wat2wasm on the same .wat, in CPU time, side by side. The .wat is made
# from a binary with wasm2wat (default: avm.wasm 0.62.0 from the marine-js harness); our bytes are checked against
# wat2wasm's. Usage: benchmarks/wasm-text/run.sh [FILE.wasm] [ITERATIONS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
wasm="${1:-$root/tests/harness/marine-js/node_modules/@fluencelabs/avm/dist/avm.wasm}"
iterations="${2:-5}"
[ -f "$wasm" ] || { echo "missing $wasm (run scripts/setup.sh)" >&2; exit 1; }
work="$root/artifacts/wasm-text"
mkdir -p "$work"
wat="$work/$(basename "$wasm" .wasm).wat"
reference="$work/$(basename "$wasm" .wasm).wat2wasm.wasm"
wasm2wat "$wasm" -o "$wat"
dotnet build "$root/benchmarks/wasm-text" -c Release -nologo -clp:ErrorsOnly >/dev/null

# wat2wasm: CPU time (user+sys) of the whole process, first run and best of the runs.
wabt_cold=""; wabt_best=""
for _ in $(seq "$iterations"); do
  t="$( { /usr/bin/time -f '%U %S' wat2wasm "$wat" -o "$reference" ; } 2>&1 | tail -1)"
  ms="$(echo "$t" | awk '{printf "%.1f", ($1 + $2) * 1000}')"
  [ -z "$wabt_cold" ] && wabt_cold="$ms"
  if [ -z "$wabt_best" ] || [ "$(echo "$ms < $wabt_best" | bc)" = 1 ]; then wabt_best="$ms"; fi
done

ours="$(dotnet "$root/artifacts/bin/WasmTextBenchmark/release/WasmTextBenchmark.dll" "$wat" "$iterations" "$reference")"
read -r _ ours_cold ours_best <<<"$(grep '^parse' <<<"$ours")"
identical="$(grep '^identical' <<<"$ours" | cut -d' ' -f2)"
echo "module: $(basename "$wat") ($(stat -c %s "$wat") bytes of text, from $(stat -c %s "$wasm") bytes), $iterations iterations"
printf '%-34s %10s %10s\n' "" "cold ms" "warm ms"
printf '%-34s %10s %10s\n' "Lineage WatParser (in process)" "$ours_cold" "$ours_best"
printf '%-34s %10s %10s\n' "wabt wat2wasm (whole process)" "$wabt_cold" "$wabt_best"
printf '%-34s %10s %10s\n' "ratio Lineage / wabt" "$(echo "scale=2; $ours_cold / $wabt_cold" | bc)" "$(echo "scale=2; $ours_best / $wabt_best" | bc)"
echo "our binary identical to wat2wasm's: $identical"
