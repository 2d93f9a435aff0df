// SPDX-License-Identifier: Apache-2.0
// AquaVM's ast() on node's V8 through the raw Marine ABI (wasm-runtime.md §11.6), the same protocol as
// `Lineage.Wasm.Benchmarks avm`: cold start (process start -> first result, wall and process CPU; load -> first
// result alone), warm ms per ast (best of 5 rounds, wall and process CPU) and the SHA-256 of the output.
import { readFileSync } from 'node:fs'
import { WASI } from 'node:wasi'
import { createHash } from 'node:crypto'

const [file, iterationsText] = process.argv.slice(2)
const iterations = Number(iterationsText)
const cpuMs = (usage) => (usage.user + usage.system) / 1000
const loadStarted = performance.now()
const cpuAtLoad = process.cpuUsage()

const module = await WebAssembly.compile(readFileSync(file))
const wasi = new WASI({ version: 'preview1', args: [], env: {}, returnOnExit: true })
const instance = await WebAssembly.instantiate(module, { ...wasi.getImportObject(), __marine_host_api_v3: { log_utf8_string: () => {} } })
wasi.initialize({ exports: { memory: instance.exports.memory, _initialize: instance.exports._initialize } })
const ex = instance.exports
const encoder = new TextEncoder()
const decoder = new TextDecoder()
function ast (text) {
  const bytes = encoder.encode(text)
  const pointer = ex.allocate(bytes.length, 0)
  new Uint8Array(ex.memory.buffer, pointer, bytes.length).set(bytes)
  ex.ast(pointer, bytes.length)
  const out = decoder.decode(new Uint8Array(ex.memory.buffer, ex.get_result_ptr(), ex.get_result_size()))
  ex.release_objects()
  return out
}
let air = '(call %init_peer_id% ("getDataSrv" "-relay-") [] relay)'
for (let i = 0; i < 60; i++) air = `(seq ${air} (par (xor (call relay ("srv${i}" "fn") [relay "x${i}"] r${i}) (null)) (fold r${i} it (seq (call it ("op" "noop") [it]) (next it)))))`
const first = ast(air)
const coldWall = performance.now() // performance.timeOrigin is the process start
const coldCpu = cpuMs(process.cpuUsage())
const loadWall = coldWall - loadStarted
const loadCpu = cpuMs(process.cpuUsage(cpuAtLoad))

let bestWall = Infinity
let bestCpu = Infinity
for (let round = 0; round < 5; round++) {
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < iterations; i++) ast(air)
  bestWall = Math.min(bestWall, (performance.now() - started) / iterations)
  bestCpu = Math.min(bestCpu, cpuMs(process.cpuUsage(cpu)) / iterations)
}

const print = (key, value) => console.log(`${key} ${value.toFixed(3)}`)
print('cold_wall_ms', coldWall)
print('cold_cpu_ms', coldCpu)
print('load_wall_ms', loadWall)
print('load_cpu_ms', loadCpu)
print('warm_wall_ms', bestWall)
print('warm_cpu_ms', bestCpu)
console.log('output_sha256 ' + createHash('sha256').update(first).digest('hex'))
