// Runs a WASI command under node (V8) for bench/run:
//   node --experimental-wasi-unstable-preview1 node_wasi.cjs FILE.wasm ARGS...
// The exit status is the program's, as for the other runtimes.
'use strict';
const fs = require('fs');
const { WASI } = require('wasi');

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const wasmModule = new WebAssembly.Module(fs.readFileSync(file));
const instance = new WebAssembly.Instance(wasmModule, wasi.getImportObject());
process.exitCode = wasi.start(instance);
