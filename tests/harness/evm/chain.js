// SPDX-License-Identifier: Apache-2.0
//
// A real local EVM chain for the Lineage cron tests and benchmarks.
//
// Starts ganache on 127.0.0.1 (port 0 = a free port, or --port N), compiles contracts/MintableNft.sol with solcjs,
// deploys it, prints ONE ready line to stdout:
//   {"ready":true,"rpc":"http://127.0.0.1:PORT","chainId":"1337","contract":"0x…","minter":"0x…","to":"0x…"}
// and then serves newline-delimited JSON commands on stdin, answering each with one JSON line on stdout:
//   {"id":1,"op":"mint","tokenId":"7","key":"","payload":"0x…"}     (payload absent/null => empty mint data)
//   {"id":2,"op":"mintBatch","firstTokenId":"100","count":500}
//   {"id":3,"op":"emitRaw","data":"0x…"}                               (Minted topic with arbitrary data)
//   {"id":4,"op":"mine","blocks":2}
//   {"id":5,"op":"snapshot"} / {"id":6,"op":"revert","snapshot":"0x1"}
//   {"id":7,"op":"head"}
//   {"id":9,"op":"encode","items":[{"to":"0x…","tokenId":"1","key":"k"|null,"payload":"0x…"}]}  (ethers ABI oracle)
//   {"id":8,"op":"deploy"}                                            (a fresh collection; mint ops take "contract")
// Answers: {"id":N,"ok":true,...} or {"id":N,"ok":false,"error":"…"}. The process exits when stdin closes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const ganache = require('ganache');
const solc = require('solc');
const { ethers } = require('ethers');

const GAS_LIMIT = 1_000_000_000;

function compile() {
  const file = 'MintableNft.sol';
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: fs.readFileSync(path.join(__dirname, 'contracts', file), 'utf8') } },
    // ganache 7.9 implements the EVM up to shanghai; newer solc defaults emit opcodes it does not know.
    settings: { evmVersion: 'shanghai', optimizer: { enabled: true, runs: 200 },
                outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter(e => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error('solc: ' + errors.map(e => e.formattedMessage).join('\n'));
  }
  const c = output.contracts[file].MintableNft;
  return { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
}

async function main() {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: 1337, hardfork: 'shanghai' },
    wallet: { deterministic: true, totalAccounts: 3 },
    miner: { blockGasLimit: GAS_LIMIT, instamine: 'eager' },
  });
  await new Promise((resolve, reject) => server.listen(port, '127.0.0.1', e => (e ? reject(e) : resolve())));
  const provider = server.provider;
  const rpc = (method, params = []) => provider.request({ method, params });

  const [minter, holder] = await rpc('eth_accounts');
  const { abi, bytecode } = compile();
  const iface = new ethers.Interface(abi);
  const coder = ethers.AbiCoder.defaultAbiCoder();

  const send = async (to, data) => {
    const hash = await rpc('eth_sendTransaction', [{ from: minter, to, data, gas: ethers.toQuantity(GAS_LIMIT - 1) }]);
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    if (receipt === null || receipt.status !== '0x1') {
      throw new Error(`transaction ${hash} failed`);
    }
    return { txHash: hash, blockNumber: Number(receipt.blockNumber), blockHash: receipt.blockHash,
             logs: receipt.logs.length };
  };

  const deploy = async () => {
    const deployed = await send(null, bytecode + iface.encodeDeploy(['Lineage Test', 'LNT']).slice(2));
    const address = (await rpc('eth_getTransactionReceipt', [deployed.txHash])).contractAddress;
    return { contract: address, deployBlock: deployed.blockNumber };
  };
  const first = await deploy();
  const contract = first.contract;

  const write = obj => process.stdout.write(JSON.stringify(obj) + '\n');
  write({ ready: true, rpc: `http://127.0.0.1:${server.address().port}`, chainId: '1337', contract, minter,
          to: holder, deployBlock: first.deployBlock });

  const handlers = {
    mint: async cmd => {
      const payload = cmd.payload ?? null;
      const data = payload === null && !cmd.key ? '0x' : coder.encode(['string', 'bytes'], [cmd.key ?? '', payload ?? '0x']);
      return send(cmd.contract ?? contract, iface.encodeFunctionData('mint', [cmd.to ?? holder, BigInt(cmd.tokenId), data]));
    },
    mintBatch: async cmd =>
      send(cmd.contract ?? contract, iface.encodeFunctionData('mintBatch', [cmd.to ?? holder, BigInt(cmd.firstTokenId), BigInt(cmd.count)])),
    emitRaw: async cmd => send(cmd.contract ?? contract, iface.encodeFunctionData('emitRawMinted', [cmd.data])),
    deploy: async () => deploy(),
    // ethers' ABI encoding of Minted event data, as an independent oracle for our decoder.
    encode: async cmd => ({
      items: cmd.items.map(item => {
        const mintData = item.key === null ? (item.payload ?? '0x') : coder.encode(['string', 'bytes'], [item.key, item.payload]);
        return { mintData, eventData: coder.encode(['address', 'uint256', 'bytes'], [item.to, BigInt(item.tokenId), mintData]) };
      }),
    }),
    mine: async cmd => {
      for (let i = 0; i < (cmd.blocks ?? 1); i++) {
        await rpc('evm_mine');
      }
      return { blockNumber: Number(await rpc('eth_blockNumber')) };
    },
    snapshot: async () => ({ snapshot: await rpc('evm_snapshot') }),
    revert: async cmd => ({ reverted: await rpc('evm_revert', [cmd.snapshot]) }),
    head: async () => {
      const block = await rpc('eth_getBlockByNumber', ['latest', false]);
      return { blockNumber: Number(block.number), blockHash: block.hash, timestamp: Number(block.timestamp) };
    },
  };

  // Commands run strictly one after another, so answers come back in order.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', line => {
    queue = queue.then(async () => {
      let cmd;
      try {
        cmd = JSON.parse(line);
        const handler = handlers[cmd.op];
        if (!handler) {
          throw new Error(`unknown op ${cmd.op}`);
        }
        write({ id: cmd.id, ok: true, ...(await handler(cmd)) });
      } catch (e) {
        write({ id: cmd?.id ?? null, ok: false, error: String(e?.message ?? e) });
      }
    });
  });
  lines.on('close', () => {
    queue.then(() => server.close()).finally(() => process.exit(0));
  });
}

main().catch(e => {
  process.stderr.write(`chain.js: ${e?.stack ?? e}\n`);
  process.exit(1);
});
