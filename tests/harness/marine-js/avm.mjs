// Reference host for Lineage.Marine differential tests: runs the official avm.wasm 0.62.0 inside marine-js
// 0.13.0 (configured as @fluencelabs/marine-worker does) and answers one JSON request per stdin line with one
// JSON line on stdout. Byte fields are base64 both ways, so both hosts get identical inputs.
//   {"op":"ast","air":"..."}                                  -> {"ok":true,"result":"<ast() output>"}
//   {"op":"human","data":"<b64>"}                             -> {"ok":true,"result":"<to_human_readable_data() output>"}
//   {"op":"invoke","air":"...","prev_data":"<b64>","data":"<b64>","params":{RunParameters, secret_key_bytes as b64},
//    "call_results":"<b64>"}                                  -> {"ok":true,"result":{InterpreterOutcome, bytes as b64},"ms":..,"cpu_ms":..}
//   {"op":"bench","request":{invoke request},"iterations":N}  -> {"ok":true,"ms_per_invoke":..,"cpu_ms_per_invoke":..}
// The ready line carries load_ms and load_cpu_ms (process CPU time, user + system).
import fs from 'node:fs'
import readline from 'node:readline'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { MarineService } = await import('@fluencelabs/marine-js/dist/MarineService')
const types = await import('@fluencelabs/marine-js/dist/types')

const t0 = performance.now()
const cpu0 = process.cpuUsage()
const cpuMs = (usage) => (usage.user + usage.system) / 1000
const control = new WebAssembly.Module(fs.readFileSync(require.resolve('@fluencelabs/marine-js/dist/marine-js.wasm')))
const avmBytes = new Uint8Array(fs.readFileSync(require.resolve('@fluencelabs/avm/dist/avm.wasm')))
const config = {
  modules_config: [{
    import_name: 'avm',
    config: { logger_enabled: true, logging_mask: 0, wasi: { envs: { WASM_LOG: 'off' }, preopened_files: new Set(), mapped_dirs: new Map() } }
  }]
}
const avm = new MarineService(control, 'avm', () => {}, config, { avm: avmBytes }, { WASM_LOG: 'off' })
await avm.init()
const loadMs = performance.now() - t0
const loadCpuMs = cpuMs(process.cpuUsage(cpu0))

const b64 = (bytes) => Buffer.from(Uint8Array.from(bytes)).toString('base64')
const bytes = (text) => Array.from(Buffer.from(text ?? '', 'base64'))
const call = (fn, args) => avm.call(fn, args, types.defaultCallParameters)

function invokeArgs (req) {
  const p = req.params
  const params = {
    init_peer_id: p.init_peer_id,
    current_peer_id: p.current_peer_id,
    timestamp: p.timestamp,
    ttl: p.ttl,
    key_format: p.key_format,
    secret_key_bytes: bytes(p.secret_key_bytes),
    particle_id: p.particle_id,
    air_size_limit: p.air_size_limit,
    particle_size_limit: p.particle_size_limit,
    call_result_size_limit: p.call_result_size_limit,
    hard_limit_enabled: p.hard_limit_enabled
  }
  return [req.air, bytes(req.prev_data), bytes(req.data), params, bytes(req.call_results)]
}

function invoke (req) {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const raw = call('invoke', invokeArgs(req))
  const ms = performance.now() - started
  const cpuUsed = cpuMs(process.cpuUsage(cpu))
  return {
    result: {
      ret_code: raw.ret_code,
      error_message: raw.error_message,
      data: b64(raw.data),
      next_peer_pks: raw.next_peer_pks,
      call_requests: b64(raw.call_requests),
      air_size_limit_exceeded: raw.air_size_limit_exceeded,
      particle_size_limit_exceeded: raw.particle_size_limit_exceeded,
      call_result_size_limit_exceeded: raw.call_result_size_limit_exceeded
    },
    ms,
    cpu_ms: cpuUsed
  }
}

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
out({ ok: true, ready: true, load_ms: loadMs, load_cpu_ms: loadCpuMs })
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  if (!line.trim()) continue
  try {
    const req = JSON.parse(line)
    switch (req.op) {
      case 'ast': out({ ok: true, result: call('ast', [req.air]) }); break
      case 'human': out({ ok: true, result: call('to_human_readable_data', [bytes(req.data)]) }); break
      case 'invoke': out({ ok: true, ...invoke(req) }); break
      case 'bench': {
        const args = invokeArgs(req.request)
        for (let i = 0; i < 3; i++) call('invoke', args)
        const cpu = process.cpuUsage()
        const started = performance.now()
        for (let i = 0; i < req.iterations; i++) call('invoke', args)
        out({ ok: true, ms_per_invoke: (performance.now() - started) / req.iterations, cpu_ms_per_invoke: cpuMs(process.cpuUsage(cpu)) / req.iterations })
        break
      }
      default: out({ ok: false, error: `unknown op ${req.op}` })
    }
  } catch (e) {
    out({ ok: false, error: String(e?.message ?? e) })
  }
}
