#!/usr/bin/env bash
# Fluence peer benchmark, ours vs the JS reference relay (tests/harness/fluence-js/fake-relay.mjs: js-libp2p +
# avm.wasm under marine-js), from one run on this machine:
#   1. particle throughput of one node: particles that call one builtin (op.noop) and return to the sender
#      (benchmarks/peer/Program.cs, COUNT <= 440 particles, CONCURRENCY in flight), with the relay process's CPU time;
#   2. js-client 0.9.0 call round trip (Aqua relayTime: client -> relay -> client), p50/p90 over CALLS calls;
#   3. per-hop latency on a three-node chain (B and C bootstrap to A; Aqua `chain`: client -> A -> B -> C -> A ->
#      client, 5 hops) against relayTime (2 hops) on the same relay: (chain p50 - relayTime p50) / 3.
# Needs scripts/setup.sh (npm ci in tests/harness/fluence-js). Usage: benchmarks/peer/run.sh [COUNT] [CONCURRENCY] [CALLS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-400}"
concurrency="${2:-32}"
calls="${3:-200}"
harness="$root/tests/harness/fluence-js"
[ -d "$harness/node_modules" ] || { echo "tests/harness/fluence-js/node_modules is missing: run scripts/setup.sh" >&2; exit 1; }

echo "building (Release)..." >&2
dotnet build "$root/src/Lineage.Cli/Lineage.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/benchmarks/peer/Lineage.Peer.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
lineage=(dotnet "$root/artifacts/bin/Lineage.Cli/release/lineage.dll")
bench=(dotnet "$root/artifacts/bin/Lineage.Peer.Benchmarks/release/Lineage.Peer.Benchmarks.dll")

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for_line() { # FILE PATTERN
  for _ in $(seq 1 240); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}
start_node() { # NAME [lineage node flags...]
  local name="$1"; shift
  "${lineage[@]}" node --data-dir "$work/$name" --http 127.0.0.1:0 --log-level Warning "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=("$!"); echo "$!" >"$work/$name.pid"
  wait_for_line "$work/$name.out" '^listening http='
}
field() { sed -E "s/.* $2=([^ ]+).*/\\1/" "$work/$1.out"; }
peer_id() { field "$1" tcp | sed -E 's#.*/p2p/##'; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"; }
json() { node -e "const o = JSON.parse(process.argv[1]); console.log(o[process.argv[2]])" "$1" "$2"; }
client_bench() { # RELAY FUNC [ARGS_JSON]
  (cd "$harness" && node client-bench.mjs --relay "$1" --aqua "$root/tests/Lineage.Node.Tests/Fluence/lineage-node.aqua" \
    --func "$2" --args "${3:-{\}}" --count "$calls" --warmup 20)
}

start_node a
a_ws="$(field a ws)"; a_tcp="$(field a tcp)"; a_pid="$(cat "$work/a.pid")"
(cd "$harness" && exec node fake-relay.mjs --quiet --stdin < <(sleep 100000) >"$work/ref.out" 2>"$work/ref.err") &
ref_pid="$!" # the subshell execs node: this is the relay process
pids+=("$ref_pid")
wait_for_line "$work/ref.out" '"listening"'
ref_ws="$(json "$(head -1 "$work/ref.out")" multiaddr)"

echo "1/3 particle throughput..." >&2
c0="$(cpu_seconds "$a_pid")"; ours_tp="$("${bench[@]}" "$a_ws" "$count" "$concurrency")"; c1="$(cpu_seconds "$a_pid")"
r0="$(cpu_seconds "$ref_pid")"; ref_tp="$("${bench[@]}" "$ref_ws" "$count" "$concurrency")"; r1="$(cpu_seconds "$ref_pid")"

echo "2/3 js-client round trips..." >&2
ours_rt="$(client_bench "$a_ws" relayTime)"
ref_rt="$(client_bench "$ref_ws" relayTime)"

echo "3/3 three-node chain..." >&2
start_node b --bootstrap "$a_tcp"
start_node c --bootstrap "$a_tcp"
sleep 3
chain="$(client_bench "$a_ws" chain "{\"b\":\"$(peer_id b)\",\"c\":\"$(peer_id c)\"}")"
one_hop="$(client_bench "$a_ws" relayTime)"

node - "$count" "$ours_tp" "$ref_tp" "$c0" "$c1" "$r0" "$r1" "$ours_rt" "$ref_rt" "$chain" "$one_hop" "$concurrency" <<'JS'
const [count, oursTp, refTp, c0, c1, r0, r1, oursRt, refRt, chain, oneHop, concurrency] = process.argv.slice(2)
const o = JSON.parse(oursTp), r = JSON.parse(refTp), ort = JSON.parse(oursRt), rrt = JSON.parse(refRt), ch = JSON.parse(chain), oh = JSON.parse(oneHop)
const f = (x, d = 1) => typeof x === 'number' ? x.toFixed(d) : x
const row = (name, ours, ref, ratio, target) => console.log(name.padEnd(52) + String(ours).padStart(10) + String(ref).padStart(12) + String(ratio).padStart(10) + '   ' + target)
console.log('Fluence peer benchmark (2-core machine shared with other work; one run, same inputs for both sides)')
row('figure', 'ours', 'reference', 'ratio', 'target')
// The CPU window also covers the load generator's warm-up particles (min(50, COUNT)).
const particles = Number(count) + Math.min(50, Number(count))
const oursCpu = (c1 - c0) * 1000 / particles, refCpu = (r1 - r0) * 1000 / particles
row(`particles/s, 1 builtin, ${concurrency} in flight`, f(o.particles_per_second), f(r.particles_per_second), f(o.particles_per_second / r.particles_per_second, 2) + 'x', '>= 2,000/s on 2 cores')
row('  relay CPU per particle (ms, user+sys)', f(oursCpu, 2), f(refCpu, 2), f(refCpu / oursCpu, 2) + 'x', 'ratio = ref/ours')
row('  => CPU-bound capacity on 2 cores (particles/s)', f(2000 / oursCpu, 0), f(2000 / refCpu, 0), '', '')
row('  particle latency p50 under that load (ms)', f(o.p50_ms), f(r.p50_ms), '', '')
row('js-client round trip p50 (ms, relayTime)', f(ort.p50_ms, 2), f(rrt.p50_ms, 2), f(rrt.p50_ms / ort.p50_ms, 2) + 'x', '<= 2 ms; ratio = ref/ours')
row('js-client round trip p90 (ms)', f(ort.p90_ms, 2), f(rrt.p90_ms, 2), f(rrt.p90_ms / ort.p90_ms, 2) + 'x', '')
row('3-node chain round trip p50 (ms, 5 hops)', f(ch.p50_ms, 2), '-', '-', '')
row('per-hop latency p50 (ms) = (chain - 1 relay) / 3', f((ch.p50_ms - oh.p50_ms) / 3, 2), '-', '-', 'the reference relay cannot form a network')
JS
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
