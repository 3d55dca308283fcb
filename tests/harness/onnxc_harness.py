"""Compile an ONNX model with onnxc, link it to the test driver, run it.

Shared by the conformance suite and the model tests. Each step has a time
limit; failures come back as (category, message) so that suites can group them.
"""
import os
import subprocess
from dataclasses import dataclass

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CXX = os.environ.get("CXX", "c++")


@dataclass
class Failure(Exception):
    category: str  # "unsupported", "compile error", "crash", "timeout", "link", "run", "mismatch"
    message: str


def _run(cmd, timeout, category, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failure("timeout", f"{os.path.basename(cmd[0])} took over {timeout}s")
    except OSError as e:  # e.g. the tool is missing or being rebuilt
        raise Failure(category, f"cannot run {cmd[0]}: {e}")
    return p


def build_driver(workdir):
    """Compiles driver.cpp once; returns the object path."""
    obj = os.path.join(workdir, "driver.o")
    if not os.path.exists(obj):
        os.makedirs(workdir, exist_ok=True)
        tmp = obj + f".{os.getpid()}.tmp"
        subprocess.run([CXX, "-std=c++17", "-O1", "-c", os.path.join(HERE, "driver.cpp"), "-o", tmp],
                       check=True)
        os.replace(tmp, obj)
    return obj


def compile_model(onnxc, model, outdir, name, args=(), timeout=300):
    """Runs onnxc; raises Failure with the error category on failure."""
    p = _run([onnxc, model, "-o", outdir, "--name", name, *args], timeout, "compile error")
    if p.returncode == 0:
        return
    err = (p.stderr or "").strip()
    if p.returncode < 0 or p.returncode not in (1,):
        raise Failure("crash", f"onnxc exit code {p.returncode}: {err[-2000:]}")
    if "unsupported operator" in err:
        raise Failure("unsupported", err.splitlines()[0] if err else "")
    raise Failure("compile error", err[:2000])


def link_model(outdir, name, driver_obj, timeout=300):
    exe = os.path.join(outdir, name + "_test")
    p = _run([CXX, "-std=c++17", "-O1", "-include", os.path.join(outdir, name + ".h"),
              f"-DONNXC_MODEL={name}", os.path.join(HERE, "shim.cpp"), driver_obj,
              os.path.join(outdir, f"lib{name}.a"), "-lm", "-o", exe], timeout, "link")
    if p.returncode != 0:
        raise Failure("link", p.stderr[-2000:])
    return exe


def run_model(exe, inputs, expected_like, rundir, timeout=120):
    """Runs exe on `inputs` (numpy arrays); returns outputs shaped and typed
    like `expected_like` (a list of arrays)."""
    os.makedirs(rundir, exist_ok=True)
    cmd = [exe]
    for i, x in enumerate(inputs):
        path = os.path.join(rundir, f"in{i}.bin")
        np.ascontiguousarray(x).tofile(path)
        cmd.append(path)
    cmd.append("--")
    for i, e in enumerate(expected_like):
        cmd.append(os.path.join(rundir, f"out{i}.bin") + f":{e.nbytes}")
    p = _run(cmd, timeout, "run")
    if p.returncode != 0:
        cat = "crash" if p.returncode < 0 else "run"
        raise Failure(cat, f"exit code {p.returncode}: {p.stderr[-1000:]}")
    return [np.fromfile(os.path.join(rundir, f"out{i}.bin"), dtype=e.dtype).reshape(e.shape)
            for i, e in enumerate(expected_like)]


def compare(actual, expected, atol=1e-4, rtol=1e-3):
    """Returns None when every output matches, else a description."""
    for i, (a, e) in enumerate(zip(actual, expected)):
        if e.dtype.kind in "fc":
            ok = np.isclose(a, e, atol=atol, rtol=rtol, equal_nan=True)
        else:
            ok = a == e
        if not np.all(ok):
            bad = np.argwhere(~ok)
            idx = tuple(bad[0])
            diff = np.max(np.abs(a.astype(np.float64) - e.astype(np.float64)))
            return (f"output {i}: {len(bad)} of {e.size} elements differ; "
                    f"first at {idx}: got {a[idx]} expected {e[idx]}; max abs diff {diff:.3g}")
    return None
