#!/usr/bin/env node
// Round-trip timing with the unmodified @fluencelabs/js-client 0.9.0: connect once, then call one Aqua function
// COUNT times in sequence and report the distribution of call times.
import './node20-shim.mjs' // must stay the first import (Promise.withResolvers on Node 20)
import { parseArgs, readJsonArg, compileAquaFile, emit } from './lib.mjs'

const HELP = `Usage: node client-bench.mjs --relay MULTIADDR --aqua FILE.aqua --func NAME [--args JSON] [--count N] [--warmup N]

Compiles FILE.aqua with the Aqua compiler, connects js-client to the relay once (WebSocket multiaddr ending in
/p2p/<relay id>), calls the function WARMUP times untimed (default 20) and COUNT times timed (default 200), one
call at a time. stdout, one JSON line:
  {"ok":true,"count":N,"p50_ms":..,"p90_ms":..,"p99_ms":..,"mean_ms":..,"min_ms":..,"result":<last result>}
or {"ok":false,"error":"..."} with exit code 1.
`
const fail = (error) => { emit({ ok: false, error: String(error?.message ?? error) }); process.exit(1) }
let args
try {
  args = parseArgs(process.argv.slice(2), { flags: [], values: ['relay', 'aqua', 'func', 'args', 'count', 'warmup', 'ttl'], multi: [] })
} catch (e) { fail(e) }
if (args.help) { process.stdout.write(HELP); process.exit(0) }
if (!args.relay || !args.aqua || !args.func) fail('--relay, --aqua and --func are required (see --help)')
const count = Number(args.count ?? 200)
const warmup = Number(args.warmup ?? 20)
const ttl = Number(args.ttl ?? 30000)
process.on('unhandledRejection', fail)

const compiled = await compileAquaFile(args.aqua, {})
if (compiled.errors.length) fail(compiled.errors.join('\n'))
const fn = compiled.functions[args.func]
if (!fn) fail(`function ${args.func} is not exported by ${args.aqua}`)
const callArgs = args.args === undefined ? {} : readJsonArg(args.args, '--args')

const { createClient, callAquaFunction } = await import('@fluencelabs/js-client')
const client = await createClient(args.relay, { keyPair: { type: 'Ed25519', source: 'random' }, defaultTtlMs: ttl })
const call = () => callAquaFunction({ script: fn.script, config: { ttl }, peer: client, args: callArgs, fireAndForget: false })

let result
for (let i = 0; i < warmup; i++) result = await call()
const times = []
for (let i = 0; i < count; i++) {
  const t = process.hrtime.bigint()
  result = await call()
  times.push(Number(process.hrtime.bigint() - t) / 1e6)
}
times.sort((a, b) => a - b)
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
emit({ ok: true, count, p50_ms: at(0.5), p90_ms: at(0.9), p99_ms: at(0.99), mean_ms: times.reduce((a, b) => a + b, 0) / times.length, min_ms: times[0], result })
await Promise.race([client.disconnect().catch(() => {}), new Promise(resolve => setTimeout(resolve, 2000))])
process.exit(0)
