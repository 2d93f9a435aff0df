// Reference figure: V8's WebAssembly.validate on the same bytes, in process CPU time (cold = first call, warm = best of N).
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const iterations = Number(process.argv[3] ?? 20);
let cold = 0;
let best = Infinity;
for (let i = 0; i < iterations; i++) {
  const start = process.cpuUsage();
  const ok = WebAssembly.validate(bytes);
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  if (!ok) throw new Error('V8 says the module is invalid');
  if (i === 0) cold = ms;
  best = Math.min(best, ms);
}
console.log(`validate ${cold.toFixed(1)} ${best.toFixed(1)}`);
