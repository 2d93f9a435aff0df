#!/usr/bin/env bash
# Gateway benchmark: starts a Release node on a fresh data directory, measures sustained publish throughput
# (pre-signed secp256k1, then ed25519 requests through POST /api/v0/json-rpc, counted once their receipt exists)
# and publish→receipt latency p50/p99 at half that load, and prints our figures next to the targets and the
# reference implementation's, as ratios.
#
#   bash benchmarks/gateway/run.sh [--count N] [--concurrency C] [--latency-seconds S]
#
# Reference figures: the reference node publishes nothing about throughput; its latency is set by the validator,
# an AIR script scheduled every 5 s (lineage-protocol.md §2.2, §9, D20), so a transaction waits up to 5 s (2.5 s on
# average) before it executes. We print 5000 ms as the reference latency.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count=20000; concurrency=64; latency_seconds=10
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2;;
    --concurrency) concurrency="$2"; shift 2;;
    --latency-seconds) latency_seconds="$2"; shift 2;;
    *) echo "unknown argument $1" >&2; exit 2;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building the node and the load generator (Release)..." >&2
bash "$root/scripts/lib/npm-ci-if-stale.sh" "$root/src/Lineage.Node/AquaVmPackage" "src/Lineage.Node/AquaVmPackage" # avm.wasm for the node
dotnet build "$root/src/Lineage.Cli/Lineage.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/benchmarks/gateway/LoadGen/Lineage.Benchmarks.GatewayLoad.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
node_dll="$root/artifacts/bin/Lineage.Cli/release/lineage.dll"
load_dll="$root/artifacts/bin/Lineage.Benchmarks.GatewayLoad/release/Lineage.Benchmarks.GatewayLoad.dll"

work="$(mktemp -d)"
node_pid=""
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

run_one() { # key type -> JSON result line
  local type="$1" dir="$work/$1"
  mkdir -p "$dir"
  dotnet "$node_dll" node --data-dir "$dir/data" --http 127.0.0.1:0 --log-level Warning >"$dir/stdout" 2>"$dir/stderr" &
  node_pid=$!
  local url=""
  for _ in $(seq 1 300); do
    url="$(sed -n 's/^listening http=\([^ ]*\).*/\1/p' "$dir/stdout")"
    [ -n "$url" ] && break
    kill -0 "$node_pid" 2>/dev/null || { cat "$dir/stderr" >&2; echo "node exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "node did not start" >&2; exit 1; }
  echo "[$type] node at $url" >&2
  local ticks_before ticks_after result
  ticks_before="$(awk '{print $14 + $15}' "/proc/$node_pid/stat")"
  result="$(dotnet "$load_dll" --node "$url" --key-type "$type" --count "$count" --concurrency "$concurrency" \
    --latency-seconds "$latency_seconds" | tail -n 1)"
  ticks_after="$(awk '{print $14 + $15}' "/proc/$node_pid/stat")"
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""
  # CPU the node process spent (user + system) over the whole run, for a contention-independent cost per transaction.
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["node_cpu_seconds"]=(int(sys.argv[2])-int(sys.argv[3]))/int(sys.argv[4]); print(json.dumps(r))' \
    "$result" "$ticks_after" "$ticks_before" "$(getconf CLK_TCK)"
}

secp="$(run_one secp256k1)"
ed="$(run_one ed25519)"

python3 - "$secp" "$ed" "$(nproc)" <<'PY'
import json, sys
secp, ed, cores = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
ref_latency = 5000.0
print(f"Lineage gateway benchmark ({cores} cores, SQLite, one process; node and load generator on the same machine)")
print(f"{'figure':<46}{'ours':>14}{'target':>14}{'reference':>14}{'ours/target':>13}{'ref/ours':>10}")
def row(name, ours, unit, target, ref, higher_better):
    t = f"{target:,.0f} {unit}" if target else "-"
    r = f"{ref:,.0f} {unit}" if ref else "n/a"
    ratio_t = (ours / target if higher_better else target / ours) if target and ours else None
    ratio_r = (ref / ours) if ref and ours else None
    print(f"{name:<46}{ours:>10,.1f} {unit:<3}{t:>14}{r:>14}"
          f"{(f'{ratio_t:.2f}x' if ratio_t else '-'):>13}{(f'{ratio_r:,.0f}x' if ratio_r else '-'):>10}")
for label, res in (("secp256k1", secp), ("ed25519", ed)):
    row(f"publish throughput, {label} (tx/s, executed)", res["executed_tx_per_s"], "tx/s", 1000 if label == "secp256k1" else None, None, True)
    row(f"  publish acknowledged (tx/s)", res["accepted_tx_per_s"], "tx/s", None, None, True)
    row(f"latency p50 at {res['latency_rate_tx_per_s']:,.0f} tx/s, {label}", res["latency_p50_ms"], "ms", None, ref_latency, False)
    row(f"latency p99 at {res['latency_rate_tx_per_s']:,.0f} tx/s, {label}", res["latency_p99_ms"], "ms", 50, ref_latency, False)
    txs = res['total_transactions']
    cpu_ms = 1000.0 * res['node_cpu_seconds'] / txs
    print(f"  ({res['count']} publishes, {res['receipts_ok']} ok / {res['receipts_failed']} failed receipts; "
          f"{res['latency_samples']} latency samples, max {res['latency_max_ms']} ms)")
    print(f"  node CPU per transaction: {cpu_ms:.2f} ms over {txs} transactions "
          f"=> CPU-bound capacity on {cores} dedicated cores: {int(cores) * 1000.0 / cpu_ms:,.0f} tx/s")
    gen = res.get('load_generator_cpu_ms_per_tx')
    if gen is not None:
        print(f"  load generator CPU per transaction (throughput phase, HTTP client + receipt checks): {gen:.2f} ms "
              f"=> node + generator on {cores} cores: {int(cores) * 1000.0 / (cpu_ms + gen):,.0f} tx/s")
import os
load = os.getloadavg()[0]
print(f"load average at the end: {load:.1f} on {cores} cores" + ("  (machine shared with other work: wall-clock figures are depressed)" if load > float(cores) * 1.5 else ""))
print("ours/target: >= 1 meets the target (throughput: ours/target; latency: target/ours).")
print("reference: the reference node executes transactions only when its validator AIR script runs, every 5 s;")
print("           5000 ms is that poll interval (worst case; 2500 ms on average). It publishes no throughput figure.")
PY
