#!/usr/bin/env bash
# Hosted-service figures: Lineage's ServiceManager vs marine-js 0.13.0 (V8) on the same Rust test modules.
# Needs scripts/setup.sh (npm ci in tests/harness/marine-js, Debian rustc). Usage: benchmarks/services/run.sh [CALLS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project "$root/benchmarks/services/Lineage.Services.Benchmarks.csproj" -- "${1:-2000}"
