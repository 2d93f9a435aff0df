#!/usr/bin/env bash
# Mint watcher figures against a real ganache chain (tests/harness/evm, installed by scripts/setup.sh):
# delay from the mined block to readable metadata (target <= poll interval + 100 ms) and events/s on a backlog
# (target >= 500/s), each next to the reference's 30 s scheduled polling.
# Usage: benchmarks/cron/run.sh [POLL_MS=1000] [LATENCY_SAMPLES=20] [BACKLOG=10000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ -d "$root/tests/harness/evm/node_modules/ganache" ] || { echo "missing tests/harness/evm/node_modules (run scripts/setup.sh)" >&2; exit 1; }
dotnet build "$root/benchmarks/cron" -c Release -nologo -clp:ErrorsOnly >&2
dotnet "$root/artifacts/bin/CronBenchmark/release/CronBenchmark.dll" "$@"
