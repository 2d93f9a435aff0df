#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh), builds the solution once in Release, runs every test project found
# by glob (never a hand-kept list), and ends with one line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

if [ "${LINEAGE_SKIP_SETUP:-0}" != "1" ]; then
  bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! dotnet build Lineage.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

passed=0; failed=0
per_project_timeout="${LINEAGE_TEST_TIMEOUT:-1800}"
for proj in tests/*/*.csproj; do
  name="$(basename "$proj" .csproj)"
  grep -q '<IsTestProject>false</IsTestProject>' "$proj" && continue
  [ -n "${LINEAGE_TEST_FILTER:-}" ] && [[ "$name" != *"$LINEAGE_TEST_FILTER"* ]] && continue
  echo "== $name"
  timeout --kill-after=30 "$per_project_timeout" dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" --logger "console;verbosity=normal"
  status=$?
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
      echo "$name: test host exited with $status"; failed=$((failed + 1))
    fi
  elif [ "$status" -ne 0 ]; then
    echo "$name: no results (exit $status)"; failed=$((failed + 1))
  fi
done
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
