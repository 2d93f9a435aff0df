#!/usr/bin/env node
// Builds and parses particles with the js-client 0.9.0 code itself (Particle.createNew / serializeParticle /
// Particle.deserialize / KeyPair.verifyWithPublicKey), so the C# codec is checked against the real counterpart.
// Protocol: one JSON command per stdin line, one JSON answer per stdout line.
//   {"op":"make","seed":"<hex 32 B>","script":"...","ttl":7000,"timestamp":1700000000000?,"id":"..."?,"data":"<base64>"?}
//     -> {"ok":true,"bytes":"<base64 of the message, no length prefix>","id":..,"init_peer_id":..,"timestamp":..,"ttl":..,"signature":"<base64>"}
//   {"op":"parse","bytes":"<base64 of a message>"}
//     -> {"ok":true,"id","init_peer_id","timestamp","ttl","script","signature","data","verified":true|false}
//     -> {"ok":false,"error":"..."} when js-client refuses the message
import './node20-shim.mjs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'

const jsClientDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '@fluencelabs', 'js-client')
const { Particle, serializeParticle, buildParticleMessage } = await import(pathToFileURL(path.join(jsClientDir, 'dist/particle/Particle.js')).href)
const { KeyPair } = await import(pathToFileURL(path.join(jsClientDir, 'dist/keypair/index.js')).href)
const { peerIdFromString } = await import('@libp2p/peer-id')

const b64 = (bytes) => Buffer.from(bytes).toString('base64')

async function handle (cmd) {
  if (cmd.op === 'make') {
    const keyPair = await KeyPair.fromEd25519SK(Uint8Array.from(Buffer.from(cmd.seed, 'hex')))
    const data = cmd.data ? Uint8Array.from(Buffer.from(cmd.data, 'base64')) : undefined
    const p = await Particle.createNew(cmd.script, keyPair.getPeerId(), cmd.ttl ?? 7000, keyPair, cmd.id, cmd.timestamp, data)
    return { ok: true, bytes: b64(serializeParticle(p)), id: p.id, init_peer_id: p.initPeerId, timestamp: p.timestamp, ttl: p.ttl, signature: b64(p.signature) }
  }
  if (cmd.op === 'parse') {
    const p = Particle.deserialize(Uint8Array.from(Buffer.from(cmd.bytes, 'base64')))
    const initPeer = peerIdFromString(p.initPeerId)
    const verified = initPeer.publicKey !== undefined &&
      await KeyPair.verifyWithPublicKey(initPeer.publicKey, buildParticleMessage(p), p.signature)
    return { ok: true, id: p.id, init_peer_id: p.initPeerId, timestamp: p.timestamp, ttl: p.ttl, script: p.script, signature: b64(p.signature), data: b64(p.data), verified }
  }
  return { ok: false, error: `unknown op ${cmd.op}` }
}

const rl = createInterface({ input: process.stdin })
for await (const line of rl) {
  if (!line.trim()) continue
  let answer
  try { answer = await handle(JSON.parse(line)) } catch (e) { answer = { ok: false, error: e?.message ?? String(e) } }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
