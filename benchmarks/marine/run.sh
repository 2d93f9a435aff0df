#!/usr/bin/env bash
# Marine/AquaVM benchmark: our host vs marine-js 0.13.0 on V8 with the same avm.wasm and inputs.
# Needs scripts/setup.sh (npm ci in tests/harness/marine-js, Debian rustc). Usage: benchmarks/marine/run.sh [ITERATIONS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet run -c Release --project "$root/benchmarks/marine/Lineage.Marine.Benchmarks.csproj" -- "${1:-30}"
