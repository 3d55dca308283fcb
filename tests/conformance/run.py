#!/usr/bin/env python3
"""ONNX backend conformance: every test model of libonnx-testdata through
onnxc -> generated static library -> test driver, outputs compared with the
test's expected outputs (atol 1e-4, rtol 1e-3).

Prints one line per failure grouped by reason and a final
'N passed, M failed' line. Exits non-zero when a test listed in
expected_pass.txt does not pass (a regression) or when onnxc crashed.
--update-expected rewrites that list from this run.
"""
import argparse
import collections
import concurrent.futures
import glob
import os
import re
import shutil
import sys
import time

import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import onnxc_harness as h  # noqa: E402

DATA = "/usr/share/libonnx-testdata/data"
SUITES = ["node", "pytorch-converted", "pytorch-operator", "simple"]
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected_pass.txt")


def discover(filter_re):
    tests = []
    for suite in SUITES:
        for d in sorted(glob.glob(os.path.join(DATA, suite, "*"))):
            name = f"{suite}/{os.path.basename(d)}"
            if os.path.exists(os.path.join(d, "model.onnx")) and re.search(filter_re, name):
                tests.append((name, d))
    return tests


def read_tensors(files):
    out = []
    for f in files:
        t = onnx.TensorProto()
        with open(f, "rb") as fh:
            t.ParseFromString(fh.read())
        out.append(numpy_helper.to_array(t))
    return out


def run_test(onnxc, name, d, workdir, driver_obj, keep):
    """Returns (name, category, message); category 'pass' on success."""
    ident = "m_" + re.sub(r"\W", "_", name)
    outdir = os.path.join(workdir, ident)
    shutil.rmtree(outdir, ignore_errors=True)
    try:
        h.compile_model(onnxc, os.path.join(d, "model.onnx"), outdir, ident)
        exe = h.link_model(outdir, ident, driver_obj)
        sets = sorted(glob.glob(os.path.join(d, "test_data_set_*")))
        if not sets:
            raise h.Failure("no data", "the test has no data sets")
        for s in sets:
            try:
                inputs = read_tensors(sorted(glob.glob(os.path.join(s, "input_*.pb")),
                                             key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0])))
                expected = read_tensors(sorted(glob.glob(os.path.join(s, "output_*.pb")),
                                               key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0])))
            except Exception as e:  # sequences, optionals: not tensors
                raise h.Failure("test data", f"cannot read test data: {e}")
            actual = h.run_model(exe, inputs, expected, os.path.join(outdir, os.path.basename(s)))
            diff = h.compare(actual, expected)
            if diff:
                raise h.Failure("mismatch", f"{os.path.basename(s)}: {diff}")
        result = (name, "pass", "")
    except h.Failure as f:
        result = (name, f.category, f.message)
    if not keep:
        shutil.rmtree(outdir, ignore_errors=True)
    return result


def reason(category, message):
    """The grouping key for a failure."""
    m = re.search(r"unsupported operator '([^']+)'", message)
    if category == "unsupported" and m:
        return f"unsupported op {m.group(1)}"
    m = re.search(r"'onnx\.(\w+)' op is not supported by the C\+\+ backend", message)
    if m:
        return f"no C++ kernel for {m.group(1)}"
    if "operators of domain" in message:
        return "unsupported op domain"
    return category


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnxc", required=True)
    ap.add_argument("--work", default="/tmp/onnxc-conformance")
    ap.add_argument("--filter", default="", help="regex on 'suite/test_name'")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--keep", action="store_true", help="keep generated files")
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failure message")
    args = ap.parse_args()

    start = time.time()
    tests = discover(args.filter)
    os.makedirs(args.work, exist_ok=True)
    driver = h.build_driver(args.work)
    onnxc = os.path.abspath(args.onnxc)
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_test, onnxc, n, d, args.work, driver, args.keep) for n, d in tests]
        for f in concurrent.futures.as_completed(futures):
            results.append(f.result())
    results.sort()

    groups = collections.defaultdict(list)
    for name, cat, msg in results:
        if cat != "pass":
            groups[reason(cat, msg)].append((name, msg))
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        names = [n for n, _ in groups[key]]
        print(f"{key}: {len(names)}: {' '.join(n.split('/')[-1] for n in names)}")
        if args.verbose or key in ("mismatch", "crash", "timeout", "compile error", "link", "run"):
            for n, msg in groups[key]:
                print(f"    {n}: {msg.strip().splitlines()[0][:300] if msg.strip() else ''}")

    passed = {n for n, c, _ in results if c == "pass"}
    crashed = [n for n, c, _ in results if c == "crash"]
    failed = len(results) - len(passed)
    rc = 0
    if args.update_expected:
        with open(EXPECTED, "w") as f:
            f.write("# Conformance tests that must pass (tests/conformance/run.py --update-expected).\n")
            f.writelines(n + "\n" for n in sorted(passed))
    elif os.path.exists(EXPECTED) and not args.filter:
        want = {l.strip() for l in open(EXPECTED) if l.strip() and not l.startswith("#")}
        regressions = sorted(want - passed)
        if regressions:
            print(f"REGRESSION: {len(regressions)} expected-pass tests failed: {' '.join(regressions)}")
            rc = 1
        new = sorted(passed - want)
        if new:
            print(f"note: {len(new)} tests pass that are not in expected_pass.txt "
                  "(run with --update-expected)")
    if crashed:
        print(f"CRASH: onnxc or generated code crashed on {len(crashed)} tests")
        rc = 1
    print(f"conformance: {len(passed)} of {len(results)} pass ({time.time() - start:.0f}s)")
    print(f"{len(passed)} passed, {failed} failed")
    return rc


if __name__ == "__main__":
    sys.exit(main())
