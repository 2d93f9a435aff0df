#!/usr/bin/env bash
# In-process publish benchmark of the metadata domain over SQLite. Usage: benchmarks/metadata/run.sh [count] [concurrency]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet run -c Release -- "${1:-4000}" "${2:-64}"
