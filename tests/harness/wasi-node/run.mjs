// Runs a WASI preview 1 command under node:wasi, taking the options of `lineage wasm run`:
//   node --no-warnings run.mjs FILE.wasm [--dir HOST::GUEST]... [--env K=V]... [-- ARGS...]
// argv[0] is FILE as given; only the --env variables are passed; the exit code is the module's.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [file, ...rest] = process.argv.slice(2);
const preopens = {};
const env = {};
const args = [file];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--') {
    args.push(...rest.slice(i + 1));
    break;
  }
  if (rest[i] === '--dir') {
    const [host, guest] = rest[++i].split('::');
    preopens[guest ?? host] = host;
  } else if (rest[i] === '--env') {
    const value = rest[++i];
    const split = value.indexOf('=');
    env[value.slice(0, split)] = value.slice(split + 1);
  } else {
    throw new Error(`unknown option ${rest[i]}`);
  }
}

const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
