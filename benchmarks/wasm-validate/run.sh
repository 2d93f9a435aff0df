#!/usr/bin/env bash
# Decode + validate time of a module (default: avm.wasm 0.62.0 from the marine-js harness) on Lineage.Wasm and
# V8's WebAssembly.validate (node), side by side, in process CPU time. Usage: benchmarks/wasm-validate/run.sh [FILE.wasm] [ITERATIONS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
wasm="${1:-$root/tests/harness/marine-js/node_modules/@fluencelabs/avm/dist/avm.wasm}"
iterations="${2:-20}"
[ -f "$wasm" ] || { echo "missing $wasm (run scripts/setup.sh)" >&2; exit 1; }
dotnet build "$root/benchmarks/wasm-validate" -c Release -nologo -clp:ErrorsOnly >/dev/null
ours="$(dotnet "$root/artifacts/bin/WasmValidateBenchmark/release/WasmValidateBenchmark.dll" "$wasm" "$iterations")"
v8="$(node "$root/benchmarks/wasm-validate/v8-validate.mjs" "$wasm" "$iterations")"
read -r _ decode_cold decode_warm <<<"$(grep '^decode' <<<"$ours")"
read -r _ validate_cold validate_warm <<<"$(grep '^validate' <<<"$ours")"
read -r _ v8_cold v8_warm <<<"$v8"
total_cold="$(echo "$decode_cold + $validate_cold" | bc)"
total_warm="$(echo "$decode_warm + $validate_warm" | bc)"
echo "module: $(basename "$wasm") ($(stat -c %s "$wasm") bytes), $iterations iterations"
printf '%-28s %10s %10s\n' "" "cold ms" "warm ms"
printf '%-28s %10s %10s\n' "Lineage decode" "$decode_cold" "$decode_warm"
printf '%-28s %10s %10s\n' "Lineage validate" "$validate_cold" "$validate_warm"
printf '%-28s %10s %10s\n' "Lineage decode+validate" "$total_cold" "$total_warm"
printf '%-28s %10s %10s\n' "V8 WebAssembly.validate" "$v8_cold" "$v8_warm"
printf '%-28s %10s %10s\n' "ratio Lineage / V8" "$(echo "scale=2; $total_cold / $v8_cold" | bc)" "$(echo "scale=2; $total_warm / $v8_warm" | bc)"
