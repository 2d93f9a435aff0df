// SPDX-License-Identifier: Apache-2.0
// Reads one DAG-JSON document per line on stdin; prints per line `<dag-cbor hex> <CIDv1 base32>`
// (dag-json decode -> dag-cbor encode -> sha2-256 -> CID v1 dag-cbor), or `error <message>`.
import * as dagJson from '@ipld/dag-json'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { createInterface } from 'node:readline'

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (line.trim() === '') continue
  try {
    const value = dagJson.decode(new TextEncoder().encode(line))
    const bytes = dagCbor.encode(value)
    const digest = await sha256.digest(bytes)
    const cid = CID.create(1, dagCbor.code, digest)
    process.stdout.write(`${Buffer.from(bytes).toString('hex')} ${cid.toString()}\n`)
  } catch (e) {
    process.stdout.write(`error ${String(e.message).replace(/\n/g, ' ')}\n`)
  }
}
