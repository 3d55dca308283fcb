// run-wasi.mjs - runs a wasm32-wasi program with node's wasi module.
//
//   node --no-warnings run-wasi.mjs PROGRAM.wasm [ARGS...]
//
// The program sees the host's file system through a preopened "/" (so give
// it absolute paths) and this process's stdout/stderr; node exits with the
// program's exit status.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [program, ...args] = process.argv.slice(2);
if (!program) {
  console.error('usage: node run-wasi.mjs PROGRAM.wasm [ARGS...]');
  process.exit(2);
}
const wasi = new WASI({
  version: 'preview1',
  args: [program, ...args],
  env: {},
  preopens: { '/': '/' },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
