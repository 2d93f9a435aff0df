#!/usr/bin/env bash
# One stream over TCP + Noise + yamux on loopback: Lineage.P2p (C# -> C#) against js-libp2p 3.3.11 (js -> js),
# both measured in the same run, each with both ends in one process. Prints the figures side by side and the ratio.
#   bash benchmarks/p2p/run.sh [bytes=268435456] [handshakes=20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bytes="${1:-268435456}"
handshakes="${2:-20}"
harness="$root/tests/harness/js-libp2p"
[ -d "$harness/node_modules" ] || (cd "$harness" && npm ci --no-audit --no-fund --loglevel=error)
dotnet build "$root/benchmarks/p2p/Lineage.P2p.Benchmarks.csproj" -c Release -nologo -clp:ErrorsOnly >/dev/null
cs_json="$(dotnet "$root/artifacts/bin/Lineage.P2p.Benchmarks/release/Lineage.P2p.Benchmarks.dll" "$bytes" "$handshakes")"
js_json="$(cd "$harness" && node perf.mjs "$bytes" "$handshakes")"
node -e '
const cs = JSON.parse(process.argv[1]), js = JSON.parse(process.argv[2]);
const row = (k, label, unit, d) => console.log(`${label.padEnd(34)} ${cs[k].toFixed(d).padStart(10)} ${js[k].toFixed(d).padStart(10)}  ${unit}`);
console.log(`one stream, ${(cs.bytes / 1048576).toFixed(0)} MiB, loopback TCP + Noise + yamux (both ends in one process)`);
console.log(`${"".padEnd(34)} ${"C#->C#".padStart(10)} ${"js->js".padStart(10)}`);
row("mibPerSecond", "throughput", "MiB/s", 1);
row("handshakeMedianMs", "handshake (dial to first stream)", "ms (median)", 2);
row("cpuSecondsPerGiB", "CPU per GiB transferred", "CPU-s/GiB", 2);
const ratio = cs.mibPerSecond / js.mibPerSecond;
console.log(`throughput ratio C#/js: ${ratio.toFixed(2)}x (target >= 2x) ${ratio >= 2 ? "MET" : "NOT MET"}`);
console.log(`implementations: ${cs.impl} vs ${js.impl}`);
' "$cs_json" "$js_json"
