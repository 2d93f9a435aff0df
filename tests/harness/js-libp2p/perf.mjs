#!/usr/bin/env node
// js -> js reference figures for benchmarks/p2p/run.sh: two js-libp2p nodes in one process over loopback
// TCP + noise + yamux. Prints one JSON line: throughput of one stream, handshake time (dial to first
// negotiated stream) and CPU seconds per GiB (both ends, this process).
import './node20-shim.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'

const SINK = '/lineage/perf-sink/1.0.0'
const bytes = Number(process.argv[2] ?? 256 * 1024 * 1024)
const handshakes = Number(process.argv[3] ?? 20)
const CHUNK = 64 * 1024

const make = (listen) => createLibp2p({
  addresses: { listen },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  connectionMonitor: { enabled: false },
  // the default inbound rate limit (5 per host per second) would refuse the handshake loop
  connectionManager: { inboundConnectionThreshold: 10000, maxIncomingPendingConnections: 1000 }
})

const server = await make(['/ip4/127.0.0.1/tcp/0'])
await server.handle(SINK, async (stream) => {
  let n = 0
  for await (const chunk of stream) n += chunk.byteLength
  stream.send(new TextEncoder().encode(String(n)))
  await stream.close()
}, { maxInboundStreams: 64 })
const addr = server.getMultiaddrs()[0]

// handshake: fresh client node per dial, dial + first stream negotiated
const hs = []
for (let i = 0; i < handshakes; i++) {
  const c = await make([])
  const t0 = performance.now()
  const s = await c.dialProtocol(addr, SINK)
  hs.push(performance.now() - t0)
  await s.close()
  await c.stop()
}

const client = await make([])
const stream = await client.dialProtocol(addr, SINK)
const payload = new Uint8Array(CHUNK).fill(7)
const reader = (async () => { let text = ''; for await (const c of stream) text += new TextDecoder().decode(c.subarray()); return text })()
const cpu0 = process.cpuUsage()
const t0 = performance.now()
for (let sent = 0; sent < bytes; sent += CHUNK) {
  if (!stream.send(payload)) await stream.onDrain()
}
await stream.close()
const ack = await reader
const seconds = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
if (Number(ack) !== bytes) throw new Error(`sink counted ${ack}, expected ${bytes}`)
hs.sort((a, b) => a - b)
console.log(JSON.stringify({
  impl: 'js-libp2p 3.3.11',
  bytes,
  seconds,
  mibPerSecond: bytes / 1048576 / seconds,
  handshakeMedianMs: hs[Math.floor(hs.length / 2)],
  cpuSecondsPerGiB: ((cpu.user + cpu.system) / 1e6) / (bytes / 1073741824)
}))
await client.stop()
await server.stop()
process.exit(0)
