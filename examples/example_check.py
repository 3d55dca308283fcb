"""What the examples' checks share: running commands, installing onnxc into
a scratch prefix, ONNX Runtime as the reference, and the tolerance test."""
import json
import os
import shutil
import subprocess
import sys

import numpy as np

# DESIGN.md: fp32 vs reference atol 1e-4 / rtol 1e-3.
ATOL, RTOL = 1e-4, 1e-3


def run(cmd, timeout=300, **kw):
    """Runs cmd, echoing it; returns its stdout, exits on failure."""
    print("+", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, text=True, stdout=subprocess.PIPE, timeout=timeout, **kw)
    if done.returncode != 0:
        print(done.stdout)
        sys.exit(f"FAIL: exit code {done.returncode} from {cmd[0]}")
    return done.stdout


def fresh_dir(path):
    path = os.path.abspath(path)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def install_onnxc(onnxc_build, prefix):
    """`cmake --install` of an onnxc build folder into prefix."""
    run(["cmake", "--install", os.path.abspath(onnxc_build), "--prefix", prefix])
    return prefix


def ort_outputs(ort_dir, model, input_sets, work):
    """ONNX Runtime (tools/ort/run_ort.mjs) on each {input name: array} of
    input_sets, in one session; returns, per set, its first output."""
    runs = []
    for r, inputs in enumerate(input_sets):
        specs = []
        for i, (name, x) in enumerate(inputs.items()):
            f = os.path.join(work, f"ort_run{r}_in{i}.bin")
            np.ascontiguousarray(x, dtype=np.float32).tofile(f)
            specs.append({"name": name, "dtype": "float32", "shape": list(x.shape), "file": f})
        runs.append({"inputs": specs, "outdir": os.path.join(work, f"ort_run{r}")})
    spec = os.path.join(work, "ort_spec.json")
    with open(spec, "w") as f:
        json.dump({"model": os.path.abspath(model), "runs": runs}, f)
    run(["node", os.path.join(ort_dir, "run_ort.mjs"), spec])
    return [np.fromfile(os.path.join(r["outdir"], "out0.bin"), dtype=np.float32) for r in runs]


def check_close(what, actual, expected):
    """Exits unless actual matches expected within ATOL/RTOL."""
    actual, expected = np.asarray(actual, np.float32), np.asarray(expected, np.float32)
    if actual.shape != expected.shape:
        sys.exit(f"FAIL: {what}: {actual.shape[0]} values, expected {expected.shape[0]}")
    err = np.abs(actual - expected)
    print(f"{what}: max abs error {err.max():.3g}")
    if not np.all(err <= ATOL + RTOL * np.abs(expected)):
        sys.exit(f"FAIL: {what}: {actual} vs {expected}")
