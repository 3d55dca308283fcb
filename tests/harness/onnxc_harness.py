"""Compile an ONNX model with onnxc, link it to the test driver, run it.

Shared by the conformance suite and the model tests. Each step has a time
limit; failures come back as (category, message) so that suites can group them.
"""
import os
import subprocess
from dataclasses import dataclass

import numpy as np

import targets


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


def build_driver(workdir, target=targets.HOST):
    """Compiles the test driver (and the target's startup code) once for
    `target`; returns the object paths."""
    return target.build_support(workdir)


def compile_model(onnxc, model, outdir, name, args=(), timeout=300):
    """Runs onnxc; raises Failure with the error category on failure."""
    p = _run([onnxc, model, "-o", outdir, "--name", name, *args], timeout, "compile error")
    if p.returncode == 0:
        return
    err = (p.stderr or "").strip()
    if p.returncode < 0 or p.returncode not in (1,):
        raise Failure("crash", f"onnxc exit code {p.returncode}: {err[-2000:]}")
    if "unsupported operator" in err:
        raise Failure("unsupported", err[:2000])
    raise Failure("compile error", err[:2000])


def link_model(libdir, name, driver_objs, target=targets.HOST, timeout=300):
    exe = os.path.join(libdir, name + "_test")
    p = _run(target.link_command(libdir, name, driver_objs, exe), timeout, "link")
    if p.returncode != 0:
        raise Failure("link", p.stderr[-2000:])
    return exe


def run_model(exe, inputs, expected_like, rundir, target=targets.HOST, timeout=120):
    """Runs exe on `inputs` (numpy arrays) the way `target` runs programs;
    returns outputs shaped and typed like `expected_like` (a list of arrays)."""
    os.makedirs(rundir, exist_ok=True)
    args = []
    for i, x in enumerate(inputs):
        path = os.path.join(rundir, f"in{i}.bin")
        np.ascontiguousarray(x).tofile(path)
        args.append(path)
    args.append("--")
    for i, e in enumerate(expected_like):
        args.append(os.path.join(rundir, f"out{i}.bin:{e.nbytes}"))
    try:
        cmd = target.run_command(exe, args, rundir)
    except ValueError as e:
        raise Failure("run", str(e))
    p = _run(cmd, timeout, "run", cwd=rundir)
    if p.returncode != 0:
        # The driver exits with 2 (I/O) or 3 (a status from infer); anything
        # else is a signal, a trap (node) or a fault (QEMU semihosting).
        cat = "run" if p.returncode in (2, 3) else "crash"
        raise Failure(cat, f"exit code {p.returncode}: {(p.stderr + p.stdout)[-1000:]}")
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
