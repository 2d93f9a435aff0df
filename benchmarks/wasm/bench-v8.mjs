// SPDX-License-Identifier: Apache-2.0
// Times the exported kernels of kernels.wasm on node's V8: the same protocol as Lineage.Wasm.Benchmarks
// (best of RUNS calls of bench(index, scale) after _initialize), printing `name ms checksum cpu-ms` per kernel
// (best wall time and best process CPU time).
import { readFileSync } from 'node:fs';

const names = ['fib', 'sieve', 'matmul', 'nbody', 'sha256', 'qsort', 'trees', 'memops', 'mandel'];
const [file, runsText, ...specs] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
instance.exports._initialize();
for (const spec of specs) {
  const [name, scaleText] = spec.split('=');
  const index = names.indexOf(name);
  let best = Infinity, bestCpu = Infinity, checksum = 0n;
  for (let run = 0; run < Number(runsText); run++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    checksum = instance.exports.bench(index, Number(scaleText));
    best = Math.min(best, performance.now() - start);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  console.log(`${name} ${best.toFixed(1)} ${BigInt.asUintN(64, checksum)} ${bestCpu.toFixed(1)}`);
}
