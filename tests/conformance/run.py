#!/usr/bin/env python3
"""ONNX backend conformance: every test model of libonnx-testdata through
onnxc -> generated static library -> test driver, outputs compared with the
test's expected outputs (atol 1e-4, rtol 1e-3).

Prints one line per failure grouped by reason and a final
'N passed, M failed' line. Exits non-zero when a test listed in
expected_pass.txt does not pass (a regression), when onnxc crashed, or when
a test fails otherwise than by a clean compile-time error (onnxc exits 1
with one 'onnxc: error:' line naming what it cannot compile): a mismatch,
a timeout, a link or run error, unless known_failures.txt lists the test.
--update-expected rewrites that list from this run.

--target T[,T...] runs the tests of expected_pass.txt (the set that passes on
x86-64) for other targets: onnxc compiles each test once for all of them,
then each target links its test program and runs it its own way (qemu-aarch64,
node's wasi, qemu-system-arm; targets/*.json). A target with a
"conformance_subset" runs only the tests whose tensors have those dtypes and
whose model and data fit in its size limit. --build-only compiles and links
the test programs without running them (cuda without a GPU); what it reports
is what was built, never a pass.

--opt-level 0 checks the tests of expected_pass.txt without graph
optimization (onnxc -O0): where onnxc writes the same C++ source at -O0 as at
-O2 the -O2 run's result stands for both ("same code"); every other test is
built at -O0 and must pass against the same reference outputs.

--threads N (N > 1) runs the tests of expected_pass.txt compiled with onnxc
--threads=N and --task-min-work=1, so that even these small models' Conv,
Gemm and MatMul kernels split into tasks on the default pthreads hook.
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


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import onnxc_harness as h  # noqa: E402
import onnx_values as ov  # noqa: E402
import targets as tg  # noqa: E402

DATA = "/usr/share/libonnx-testdata/data"
SUITES = ["node", "pytorch-converted", "pytorch-operator", "simple"]
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected_pass.txt")
KNOWN_FAILURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_failures.txt")


def discover(filter_re):
    tests = []
    for suite in SUITES:
        for d in sorted(glob.glob(os.path.join(DATA, suite, "*"))):
            name = f"{suite}/{os.path.basename(d)}"
            if os.path.exists(os.path.join(d, "model.onnx")) and re.search(filter_re, name):
                tests.append((name, d))
    return tests


def read_set(d, set_dir):
    """(input buffers, expected output buffers, onnxc arguments) of one data
    set; sequences and optionals flattened as the generated API takes them."""
    ins, outs = ov.graph_ports(os.path.join(d, "model.onnx"))
    inputs = ov.read_values(tensor_files(set_dir, "input"), ins)
    outputs = ov.read_values(tensor_files(set_dir, "output"), outs)
    return ([a for v in inputs for a in ov.flatten(v)], [a for v in outputs for a in ov.flatten(v)],
            ov.compile_args(ins, inputs))


def tensor_files(set_dir, kind):
    return sorted(glob.glob(os.path.join(set_dir, f"{kind}_*.pb")),
                  key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))


def in_subset(d, subset):
    """Whether test folder `d` is in a target's conformance subset: every
    input and output tensor of one of its dtypes, model + data small enough."""
    if not subset:
        return True
    files = [os.path.join(d, "model.onnx")]
    sets = glob.glob(os.path.join(d, "test_data_set_*"))
    for s in sets:
        files += tensor_files(s, "input") + tensor_files(s, "output")
    if sum(os.path.getsize(f) for f in files) > subset["max_data_bytes"]:
        return False
    try:
        tensors = [t for s in sets for part in read_set(d, s)[:2] for t in part]
    except Exception:
        return False
    return all(t.dtype.name in subset["dtypes"] for t in tensors)


def same_code_as_o2(onnxc, model, outdir, ident, args=()):
    """Whether onnxc writes the same C++ source at -O0 as at -O2 (nothing to
    optimize): the -O2 run's result then holds for -O0 as well."""
    sources = []
    for level in (0, 2):
        d = os.path.join(outdir, f"source-O{level}")
        h.compile_model(onnxc, model, d, ident, ["--emit=source", f"-O{level}", *args])
        with open(os.path.join(d, ident + ".cpp"), "rb") as f:
            sources.append(f.read())
    return sources[0] == sources[1]


def thread_args(threads):
    """onnxc flags for --threads: every kernel that can split does."""
    return [f"--threads={threads}", "--task-min-work=1"] if threads > 1 else []


def run_test(onnxc, name, d, workdir, targets, drivers, keep, build_only, opt_level, threads):
    """Returns [(target, name, category, message)], one per target; category
    'pass' on success ('built' with build_only)."""
    ident = "m_" + re.sub(r"\W", "_", name)
    outdir = os.path.join(workdir, ident)
    shutil.rmtree(outdir, ignore_errors=True)
    results = []
    try:
        sets = sorted(glob.glob(os.path.join(d, "test_data_set_*")))
        if not sets:
            raise h.Failure("no data", "the test has no data sets")
        data = []
        for s in sets:
            try:
                inputs, expected, args = read_set(d, s)
            except Exception as e:
                raise h.Failure("test data", f"cannot read test data: {e}")
            if data and args != compile_args:
                raise h.Failure("test data", "the data sets need different sequence shapes")
            compile_args = args
            data.append((s, inputs, expected))
        if opt_level == 0 and same_code_as_o2(onnxc, os.path.join(d, "model.onnx"), outdir, ident,
                                              [*thread_args(threads), *compile_args]):
            shutil.rmtree(outdir, ignore_errors=True)
            return [(t.name, name, "same code", "") for t in targets]
        h.compile_model(onnxc, os.path.join(d, "model.onnx"), outdir, ident,
                        ["--target=" + ",".join(t.name for t in targets), f"-O{opt_level}",
                         *thread_args(threads), *compile_args])
        for t in targets:
            # One target: onnxc wrote into outdir; several: into outdir/<target>.
            libdir = outdir if len(targets) == 1 else os.path.join(outdir, t.name)
            try:
                exe = h.link_model(libdir, ident, drivers[t.name], t)
                if build_only:
                    results.append((t.name, name, "built", ""))
                    continue
                for s, inputs, expected in data:
                    actual = h.run_model(exe, inputs, expected, os.path.join(libdir, os.path.basename(s)), t)
                    diff = h.compare(actual, expected)
                    if diff:
                        raise h.Failure("mismatch", f"{os.path.basename(s)}: {diff}")
                results.append((t.name, name, "pass", ""))
            except h.Failure as f:
                results.append((t.name, name, f.category, f.message))
    except h.Failure as f:
        results = [(t.name, name, f.category, f.message) for t in targets]
    if not keep:
        shutil.rmtree(outdir, ignore_errors=True)
    return results


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


def read_expected():
    return {l.strip() for l in open(EXPECTED) if l.strip() and not l.startswith("#")}


def read_known_failures():
    """Tests that may fail otherwise than by a clean compile-time error
    (known_failures.txt: 'suite/test  reason' per line)."""
    return {l.split()[0] for l in open(KNOWN_FAILURES) if l.strip() and not l.startswith("#")}


def is_clean(category, message):
    """Whether a failure is a clean compile-time refusal: onnxc exited 1 with
    one 'onnxc: error:' line (and at most its notes). Anything else (a
    mismatch, a crash, a timeout, a link or run error, a C++ compiler error in
    the generated code) is unclean."""
    if category not in ("unsupported", "compile error"):
        return False
    lines = message.strip().splitlines()
    return bool(lines) and lines[0].startswith("onnxc: error: ") and all(
        l.startswith("onnxc: note: ") for l in lines[1:])


def report(target, results, must_pass, verbose, success=("pass",)):
    """Prints one target's failures by reason; returns (names that reached
    `success`, regressions among `must_pass`, crashed names)."""
    groups = collections.defaultdict(list)
    for _, name, cat, msg in results:
        if cat not in success:
            groups[reason(cat, msg)].append((name, msg))
    label = "" if target == "x86-64" else f"[{target}] "
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        names = [n for n, _ in groups[key]]
        print(f"{label}{key}: {len(names)}: {' '.join(n.split('/')[-1] for n in names)}")
        if verbose or key in ("mismatch", "crash", "timeout", "compile error", "link", "run"):
            for n, msg in groups[key]:
                print(f"    {n}: {msg.strip().splitlines()[0][:300] if msg.strip() else ''}")
    passed = {n for _, n, c, _ in results if c in success}
    crashed = [n for _, n, c, _ in results if c == "crash"]
    regressions = sorted(must_pass - passed)
    unclean = sorted(n for _, n, c, m in results if c not in success and not is_clean(c, m))
    clean = len(results) - len(passed) - len(unclean)
    print(f"{label}failures: {clean} clean compile-time errors, {len(unclean)} other"
          f"{': ' + ' '.join(unclean) if unclean else ''}")
    return passed, regressions, crashed, unclean


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnxc", required=True)
    ap.add_argument("--work", default="/tmp/onnxc-conformance")
    ap.add_argument("--filter", default="", help="regex on 'suite/test_name'")
    ap.add_argument("--target", default="x86-64",
                    help="comma-separated targets (default x86-64); others than x86-64 run the "
                         "tests of expected_pass.txt")
    ap.add_argument("--opt-level", type=int, choices=(0, 2), default=2,
                    help="onnxc -O level (default 2); -O0 runs the tests of expected_pass.txt, "
                         "which must pass unoptimized too")
    ap.add_argument("--threads", type=int, default=1,
                    help="onnxc --threads (default 1); above 1 runs the tests of expected_pass.txt "
                         "with every Conv/Gemm/MatMul split into tasks")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--keep", action="store_true", help="keep generated files")
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("--build-only", action="store_true",
                    help="compile and link the test programs, run nothing (reports 'built', not 'passed')")
    ap.add_argument("--skip-if-missing", action="store_true",
                    help="exit 77 (ctest's skip) when a target's toolchain is missing")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failure message")
    args = ap.parse_args()

    start = time.time()
    try:
        targets = [tg.load(n) for n in args.target.split(",")]
    except ValueError as e:
        ap.error(str(e))
    cross = [t.name for t in targets if t.name != "x86-64"]
    # Runs that check expected_pass.txt in another configuration.
    variant = bool(cross) or args.opt_level != 2 or args.threads != 1
    if variant and args.update_expected:
        ap.error("--update-expected is for x86-64 runs at -O2 without --threads only")
    if args.build_only and args.update_expected:
        ap.error("--update-expected needs tests that ran")
    for t in targets:
        missing = t.missing_tool()
        if missing:
            if args.skip_if_missing:
                print(f"SKIPPED, not built: {missing}")
                return 77
            print(f"error: {missing}", file=sys.stderr)
            return 1
        if not args.build_only and not t.can_run():
            print(f"error: target '{t.name}' cannot run here (no GPU); use --build-only", file=sys.stderr)
            return 1
    want = read_expected() if os.path.exists(EXPECTED) else None
    known_failures = read_known_failures()
    tests = discover(args.filter)
    if variant:
        tests = [(n, d) for n, d in tests if n in want]
    # Which test runs on which target: a target's subset (if any) narrows it.
    selected = {t.name: {n for n, d in tests if in_subset(d, t.subset)} for t in targets}
    os.makedirs(args.work, exist_ok=True)
    drivers = {t.name: h.build_driver(args.work, t) for t in targets}
    onnxc = os.path.abspath(args.onnxc)
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = []
        for n, d in tests:
            ts = [t for t in targets if n in selected[t.name]]
            if ts:
                futures.append(pool.submit(run_test, onnxc, n, d, args.work, ts, drivers, args.keep,
                                           args.build_only, args.opt_level, args.threads))
        for f in concurrent.futures.as_completed(futures):
            results += f.result()
    results.sort()

    rc = 0
    total_passed = total_failed = 0
    for t in targets:
        mine = [r for r in results if r[0] == t.name]
        # x86-64 must pass expected_pass.txt (on a full run); a cross target
        # must pass what it ran of it.
        if variant:
            must_pass = selected[t.name]
        elif want is not None and not args.filter and not args.update_expected:
            must_pass = want
        else:
            must_pass = set()
        success = ("built",) if args.build_only else ("pass", "same code")
        passed, regressions, crashed, unclean = report(t.name, mine, must_pass, args.verbose, success)
        unexcused = sorted(set(unclean) - set(regressions) - known_failures)
        total_passed += len(passed)
        total_failed += len(mine) - len(passed)
        label = "" if t.name == "x86-64" else f"[{t.name}] "
        if regressions:
            print(f"{label}REGRESSION: {len(regressions)} expected-pass tests did not {'build' if args.build_only else 'pass'}: "
                  f"{' '.join(regressions)}")
            rc = 1
        if t.name == "x86-64" and must_pass:
            new = sorted(passed - want)
            if new:
                print(f"note: {len(new)} tests pass that are not in expected_pass.txt "
                      "(run with --update-expected)")
        if crashed:
            print(f"{label}CRASH: onnxc or generated code crashed on {len(crashed)} tests")
            rc = 1
        if unexcused:
            print(f"{label}UNCLEAN: {len(unexcused)} tests fail otherwise than by a clean "
                  f"compile-time error and are not in known_failures.txt: {' '.join(unexcused)}")
            rc = 1
        subset = f" (its subset: {len(selected[t.name])} of {len(tests)})" if t.subset else ""
        done = "built and linked, not run" if args.build_only else "pass"
        same = sum(c == "same code" for _, _, c, _ in mine)
        same = f" ({same} of them compile to the same C++ at -O0 as at -O2, the rest ran)" if same else ""
        threads = f" --threads={args.threads}" if args.threads != 1 else ""
        print(f"conformance {t.name} -O{args.opt_level}{threads}: {len(passed)} of {len(mine)} {done}{subset}{same}")
    if args.update_expected:
        passed = {n for t, n, c, _ in results if c == "pass"}
        with open(EXPECTED, "w") as f:
            f.write("# Conformance tests that must pass (tests/conformance/run.py --update-expected).\n")
            f.writelines(n + "\n" for n in sorted(passed))
    print(f"conformance: {time.time() - start:.0f}s")
    if args.build_only:  # nothing ran: no pass to count
        print(f"{total_passed} built (not run), {total_failed} failed")
    else:
        print(f"{total_passed} passed, {total_failed} failed")
    return rc


if __name__ == "__main__":
    sys.exit(main())
