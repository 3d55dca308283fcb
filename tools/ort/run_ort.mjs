// run_ort.mjs - runs one model with ONNX Runtime (the test oracle).
//
//   node run_ort.mjs MODEL.onnx SPEC.json OUTDIR
//
// SPEC.json: {"inputs": [{"name", "dtype", "shape", "file"}], "threads": 1}
// with each input as raw little-endian data in `file`. Writes OUTDIR/out<k>.bin
// (raw) and OUTDIR/outputs.json ([{"name", "dtype", "shape"}], graph order).
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');

const ARRAYS = {
  float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
  int64: BigInt64Array, uint64: BigUint64Array, bool: Uint8Array,
};

async function main() {
  const [modelPath, specPath, outDir] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: spec.threads || 1,
    interOpNumThreads: 1,
  });
  const feeds = {};
  for (const input of spec.inputs) {
    const bytes = fs.readFileSync(input.file);
    const Array = ARRAYS[input.dtype];
    const data = new Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    feeds[input.name] = new ort.Tensor(input.dtype, input.dtype === 'bool' ? Uint8Array.from(data) : data,
                                       input.shape);
  }
  const results = await session.run(feeds);
  fs.mkdirSync(outDir, { recursive: true });
  const outputs = session.outputNames.map((name, k) => {
    const t = results[name];
    const view = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    fs.writeFileSync(path.join(outDir, `out${k}.bin`), view);
    return { name, dtype: t.type, shape: t.dims.map(Number) };
  });
  fs.writeFileSync(path.join(outDir, 'outputs.json'), JSON.stringify(outputs));
}

main().catch((err) => {
  console.error(`run_ort: ${err.message || err}`);
  process.exit(1);
});
