// SPDX-License-Identifier: Apache-2.0
// Independent signer for the Lineage gateway tests: keys and signatures come from ethers 6 (EIP-191
// personal_sign) and @noble/curves (ed25519), never from our own C# code.
//
// One-shot:  node sign.mjs secp256k1 <private-key-hex> <message>   -> prints the 0x signature
//            node sign.mjs ed25519 <seed-hex> <message>            -> prints the base58 signature
// Server:    node sign.mjs --serve   reads one JSON request per line on stdin, answers one JSON line:
//   {"op":"wallet"}                                   -> {"privateKey","address"}
//   {"op":"sign","privateKey","message"}              -> {"signature"}
//   {"op":"recover","message","signature"}            -> {"address"}
//   {"op":"ed25519-key"}                              -> {"seed","publicKey"}   (seed hex, public key base58)
//   {"op":"ed25519-sign","seed","message"}            -> {"signature"}          (base58)
//   {"op":"ed25519-verify","publicKey","message","signature"} -> {"valid"}          (base58 key and signature)
//   errors                                            -> {"error"}
import { Wallet, verifyMessage, encodeBase58, decodeBase58, hexlify, getBytes, toUtf8Bytes } from 'ethers';
import { ed25519 } from '@noble/curves/ed25519';
import { createInterface } from 'node:readline';

// ethers decodes base58 to a bigint; restore the leading zero bytes and the fixed width.
const decodeBase58Bytes = (text) => {
  const value = decodeBase58(text);
  let hex = value === 0n ? '' : value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  return getBytes('0x' + '00'.repeat(zeros) + hex);
};
const signSecp = (privateKey, message) => new Wallet(privateKey).signMessageSync(message);
const signEd = (seedHex, message) => encodeBase58(ed25519.sign(toUtf8Bytes(message), getBytes(seedHex)));

function handle(req) {
  switch (req.op) {
    case 'wallet': {
      const w = Wallet.createRandom();
      return { privateKey: w.privateKey, address: w.address };
    }
    case 'sign':
      return { signature: signSecp(req.privateKey, req.message) };
    case 'recover':
      return { address: verifyMessage(req.message, req.signature) };
    case 'ed25519-key': {
      const seed = ed25519.utils.randomPrivateKey();
      return { seed: hexlify(seed), publicKey: encodeBase58(ed25519.getPublicKey(seed)) };
    }
    case 'ed25519-sign':
      return { signature: signEd(req.seed, req.message) };
    case 'ed25519-verify':
      return { valid: ed25519.verify(decodeBase58Bytes(req.signature), toUtf8Bytes(req.message), decodeBase58Bytes(req.publicKey)) };
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--serve') {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let answer;
    try {
      answer = handle(JSON.parse(line));
    } catch (e) {
      answer = { error: String(e?.message ?? e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} else if (args.length === 3 && (args[0] === 'secp256k1' || args[0] === 'ed25519')) {
  const [kind, key, message] = args;
  process.stdout.write((kind === 'secp256k1' ? signSecp(key, message) : signEd(key, message)) + '\n');
} else {
  process.stderr.write('usage: node sign.mjs secp256k1|ed25519 <key-hex> <message> | --serve\n');
  process.exit(2);
}
