// run_ort.mjs - runs an ONNX model with ONNX Runtime (onnxruntime-node) on raw
// tensor files and writes raw outputs. ONNX Runtime is the independent
// reference that onnxc's generated code is checked against.
//
// Two ways to call it:
//
//   node run_ort.mjs SPEC.json
//     SPEC = {
//       "model": "path/model.onnx",
//       "threads": 1,                        (optional, intra-op threads)
//       "optimization": "all",               (optional: disabled|basic|extended|all)
//       "runs": [                            (one session, many runs)
//         { "inputs": [ { "name": "input", "dtype": "float32",
//                         "shape": [1, 1280], "file": "in0.bin" } ],
//           "outdir": "dir/run0" } ],
//       "timing": { "warmup": 3, "runs": 20 }  (optional, bench/compare/run.py)
//     }
//
//   node run_ort.mjs MODEL.onnx --in NAME:DTYPE:1x16x96=FILE.bin ... --out DIR
//                   [--threads N] [--opt LEVEL]
//
// For each run, DIR gets out0.bin, out1.bin, ... (raw little-endian data in
// the session's output order) and outputs.json:
//   [ { "name": ..., "dtype": "float32", "shape": [1, 1], "file": "out0.bin" } ]
// With "timing", each run is then repeated warmup + runs times and DIR also
// gets timing.json: { "ms": [one time per timed run], "max_rss_kb": peak RSS
// of this node process (Linux) }.
// Relative paths in a spec are relative to the spec file's folder.
// Exit code: 0 ok, 1 ORT error, 2 usage error.
//
// Plain Node 18 JavaScript: no dependencies other than onnxruntime-node.
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);

const TYPED = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

function usage(msg) {
  process.stderr.write(`run_ort.mjs: ${msg}\n` +
    'usage: node run_ort.mjs SPEC.json\n' +
    '       node run_ort.mjs MODEL.onnx --in NAME:DTYPE:SHAPE=FILE ... --out DIR ' +
    '[--threads N] [--opt LEVEL]\n');
  process.exit(2);
}

function loadOrt() {
  try {
    return require('onnxruntime-node');
  } catch (e) {
    process.stderr.write('run_ort.mjs: cannot load onnxruntime-node (' + e.message + ');' +
      ' run scripts/install-deps.sh\n');
    process.exit(2);
  }
}

function parseShape(text) {
  if (text === '' || text === 'scalar') return [];
  return text.split('x').map((d) => {
    const n = Number(d);
    if (!Number.isInteger(n) || n < 0) usage(`bad dimension '${d}' in shape '${text}'`);
    return n;
  });
}

// --in NAME:DTYPE:SHAPE=FILE. NAME may itself contain ':' (e.g. 'onnx::Flatten_0'),
// so DTYPE and SHAPE are taken from the right.
function parseInputArg(arg) {
  const eq = arg.lastIndexOf('=');
  if (eq < 0) usage(`--in needs NAME:DTYPE:SHAPE=FILE, got '${arg}'`);
  const file = arg.slice(eq + 1);
  const parts = arg.slice(0, eq).split(':');
  if (parts.length < 3) usage(`--in needs NAME:DTYPE:SHAPE=FILE, got '${arg}'`);
  const shape = parts.pop();
  const dtype = parts.pop();
  return { name: parts.join(':'), dtype, shape: parseShape(shape), file };
}

function parseCommandLine(argv) {
  if (argv.length === 1 && argv[0].endsWith('.json')) {
    const specPath = argv[0];
    let spec;
    try {
      spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
    } catch (e) {
      usage(`cannot read spec ${specPath}: ${e.message}`);
    }
    const base = path.dirname(path.resolve(specPath));
    const abs = (p) => path.resolve(base, p);
    if (!spec.model || !Array.isArray(spec.runs)) usage('a spec needs "model" and "runs"');
    spec.model = abs(spec.model);
    for (const run of spec.runs) {
      if (!Array.isArray(run.inputs) || !run.outdir) usage('each run needs "inputs" and "outdir"');
      run.outdir = abs(run.outdir);
      for (const input of run.inputs) input.file = abs(input.file);
    }
    return spec;
  }
  const spec = { model: null, runs: [{ inputs: [], outdir: null }] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--in') spec.runs[0].inputs.push(parseInputArg(value()));
    else if (a === '--out') spec.runs[0].outdir = value();
    else if (a === '--threads') spec.threads = Number(value());
    else if (a === '--opt') spec.optimization = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (spec.model === null) spec.model = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!spec.model) usage('no model given');
  if (!spec.runs[0].outdir) usage('no --out DIR given');
  return spec;
}

function readTensor(ort, input) {
  const Typed = TYPED[input.dtype];
  if (!Typed) throw new Error(`input '${input.name}': unsupported dtype '${input.dtype}'`);
  const count = input.shape.reduce((a, b) => a * b, 1);
  const bytes = fs.readFileSync(input.file);
  if (bytes.length !== count * Typed.BYTES_PER_ELEMENT) {
    throw new Error(`input '${input.name}': ${input.file} has ${bytes.length} bytes, ` +
      `shape [${input.shape}] of ${input.dtype} needs ${count * Typed.BYTES_PER_ELEMENT}`);
  }
  // Copy into a fresh, aligned ArrayBuffer (a Buffer may share an unaligned pool).
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  let data = new Typed(copy);
  if (input.dtype === 'bool') data = new Uint8Array(copy);
  return new ort.Tensor(input.dtype, data, input.shape);
}

function writeOutputs(session, results, outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  const meta = [];
  session.outputNames.forEach((name, i) => {
    const t = results[name];
    if (t.type === 'string') throw new Error(`output '${name}': string tensors are not supported`);
    const data = t.data;
    const file = `out${i}.bin`;
    fs.writeFileSync(path.join(outdir, file),
      Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    meta.push({ name, dtype: t.type, shape: Array.from(t.dims), file });
  });
  fs.writeFileSync(path.join(outdir, 'outputs.json'),
    '[\n' + meta.map((m) => JSON.stringify(m)).join(',\n') + '\n]\n');
}

async function main() {
  const spec = parseCommandLine(process.argv.slice(2));
  const ort = loadOrt();
  const options = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: spec.optimization || 'all',
    intraOpNumThreads: spec.threads || 1,
    interOpNumThreads: 1,
  };
  const session = await ort.InferenceSession.create(spec.model, options);
  for (const run of spec.runs) {
    const feeds = {};
    for (const input of run.inputs) {
      if (!session.inputNames.includes(input.name)) {
        throw new Error(`the model has no input '${input.name}' (inputs: ${session.inputNames.join(', ')})`);
      }
      feeds[input.name] = readTensor(ort, input);
    }
    const results = await session.run(feeds);
    writeOutputs(session, results, run.outdir);
    if (spec.timing) await timeRuns(session, feeds, spec.timing, run.outdir);
  }
}

async function timeRuns(session, feeds, timing, outdir) {
  const ms = [];
  for (let i = 0; i < timing.warmup + timing.runs; ++i) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    if (i >= timing.warmup) ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  fs.writeFileSync(path.join(outdir, 'timing.json'),
    JSON.stringify({ ms, max_rss_kb: peakRssKb() }) + '\n');
}

// VmHWM of /proc/self/status: resourceUsage().maxRSS would also count the
// process node was exec'd from (the Python runner).
function peakRssKb() {
  const m = /VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : -1;
}

main().catch((e) => {
  process.stderr.write(`run_ort.mjs: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
