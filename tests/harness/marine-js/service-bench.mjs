// Reference for benchmarks/services: loads Marine modules (dependencies first, facade last) into one marine-js 0.13.0
// MarineService and times calls of one facade function. Reads one JSON request on stdin:
//   {"modules":[{"name":"lib","wasm":"<b64>"},...],"function":"greet","args":[...],"iterations":N}
// and prints one JSON line: {"ok":true,"result":...,"load_ms":..,"load_cpu_ms":..,"ms_per_call":..,"cpu_ms_per_call":..}
import fs from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { MarineService } = await import('@fluencelabs/marine-js/dist/MarineService')
const types = await import('@fluencelabs/marine-js/dist/types')
const cpuMs = (usage) => (usage.user + usage.system) / 1000

try {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'))
  const control = new WebAssembly.Module(fs.readFileSync(require.resolve('@fluencelabs/marine-js/dist/marine-js.wasm')))
  const modules = {}
  for (const m of request.modules) modules[m.name] = new Uint8Array(Buffer.from(m.wasm, 'base64'))
  const config = {
    modules_config: request.modules.map(m => ({
      import_name: m.name,
      config: { logger_enabled: false, logging_mask: 0, wasi: { envs: {}, preopened_files: new Set(), mapped_dirs: new Map() } }
    }))
  }
  const t0 = performance.now(); const c0 = process.cpuUsage()
  const service = new MarineService(control, 'bench', () => {}, config, modules, {})
  await service.init()
  const loadMs = performance.now() - t0; const loadCpuMs = cpuMs(process.cpuUsage(c0))
  const result = service.call(request.function, request.args, types.defaultCallParameters)
  for (let i = 0; i < 200; i++) service.call(request.function, request.args, types.defaultCallParameters)
  const t1 = performance.now(); const c1 = process.cpuUsage()
  for (let i = 0; i < request.iterations; i++) service.call(request.function, request.args, types.defaultCallParameters)
  const ms = (performance.now() - t1) / request.iterations
  const cpu = cpuMs(process.cpuUsage(c1)) / request.iterations
  process.stdout.write(JSON.stringify({ ok: true, result, load_ms: loadMs, load_cpu_ms: loadCpuMs, ms_per_call: ms, cpu_ms_per_call: cpu }) + '\n')
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: e?.message ?? String(e) }) + '\n')
  process.exitCode = 1
}
