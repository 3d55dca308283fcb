// run.mjs - runs a WASI command module (examples/kws-app built for wasm32)
// under node's wasi module: its stdout is node's, its exit code node's.
//
//   node run.mjs kws_app.wasm WINDOWS.f32
//
// The input file's folder is the one folder the module may read.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WASI } from 'node:wasi';

const [wasmFile, input] = process.argv.slice(2);
if (!wasmFile || !input) {
  process.stderr.write('usage: node run.mjs MODULE.wasm WINDOWS.f32\n');
  process.exit(2);
}
const dir = path.dirname(path.resolve(input));
const wasi = new WASI({
  version: 'preview1',
  args: [path.basename(wasmFile), path.resolve(input)],
  preopens: { [dir]: dir },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmFile));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
