#!/usr/bin/env node
// The official AquaVM (avm.wasm 0.62.0) hosted by marine-js 0.13.0, as a long-lived process: the reference
// AquaVM that C# tests use until our own Marine host runs avm.wasm. Raw interface: the C# side encodes
// call_results and decodes call_requests itself, so its codecs meet the real AquaVM.
// One JSON request per stdin line, one JSON answer per stdout line:
//   {"op":"invoke","air":"...","prev_data":"<b64>","data":"<b64>","call_results":"<b64 raw bytes>",
//    "params":{"init_peer_id","current_peer_id","timestamp","ttl","key_format","secret_key_bytes":"<b64>",
//              "particle_id","air_size_limit","particle_size_limit","call_result_size_limit","hard_limit_enabled"}}
//   -> {"ok":true,"ret_code","error_message","data":"<b64>","next_peer_pks":[..],"call_requests":"<b64>",
//       "air_size_limit_exceeded","particle_size_limit_exceeded","call_result_size_limit_exceeded"}
//   {"op":"human","data":"<b64>"} -> {"ok":true,"human":<to_human_readable_data JSON>}
//   {"op":"ast","air":"..."}      -> {"ok":true,"ast":<JSON or error text>}
import { createInterface } from 'node:readline'
import { loadAvm } from './lib.mjs'

const avm = await loadAvm({ logLevel: 'off' })
const bytes = (b64) => Array.from(Buffer.from(b64 ?? '', 'base64'))
const b64 = (arr) => Buffer.from(Uint8Array.from(arr)).toString('base64')

function handle (cmd) {
  switch (cmd.op) {
    case 'invoke': {
      const p = cmd.params
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
      const r = avm.call('invoke', [cmd.air, bytes(cmd.prev_data), bytes(cmd.data), params, bytes(cmd.call_results)])
      return {
        ok: true,
        ret_code: r.ret_code,
        error_message: r.error_message,
        data: b64(r.data),
        next_peer_pks: r.next_peer_pks,
        call_requests: b64(r.call_requests),
        air_size_limit_exceeded: r.air_size_limit_exceeded,
        particle_size_limit_exceeded: r.particle_size_limit_exceeded,
        call_result_size_limit_exceeded: r.call_result_size_limit_exceeded
      }
    }
    case 'human': {
      const text = avm.call('to_human_readable_data', [bytes(cmd.data)])
      let human = text
      try { human = JSON.parse(text) } catch {}
      return { ok: true, human }
    }
    case 'ast': {
      const text = avm.call('ast', [cmd.air])
      let ast = text
      try { ast = JSON.parse(text) } catch {}
      return { ok: true, ast }
    }
    default:
      return { ok: false, error: `unknown op ${cmd.op}` }
  }
}

const rl = createInterface({ input: process.stdin })
for await (const line of rl) {
  if (!line.trim()) continue
  let answer
  try { answer = handle(JSON.parse(line)) } catch (e) { answer = { ok: false, error: e?.message ?? String(e) } }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
