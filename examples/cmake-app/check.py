#!/usr/bin/python3
"""Checks examples/cmake-app against ONNX Runtime.

  check.py --app EXE ...           the app built inside the onnxc tree
  check.py --install-from BUILD ... installs onnxc from BUILD into a scratch
      prefix, configures and builds the example as a project of its own with
      find_package(onnxc), checks that onnxc re-runs when the model or the
      onnxc executable changes (and only then), and runs that app.

Either way the app runs on random MFCC features (numpy, fixed seed) and its
printed scores must match ONNX Runtime's (tools/ort/run_ort.mjs) on the same
features within atol 1e-4 / rtol 1e-3 (DESIGN.md).
"""
import argparse
import os
import shutil
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from example_check import check_close, fresh_dir, install_onnxc, ort_outputs, run  # noqa: E402

MODEL = os.path.join(HERE, "..", "hello", "kws.onnx")
LABELS = ["silence", "unknown", "yes", "no"]


def app_scores(app, features_file):
    lines = run([app, features_file]).splitlines()
    print("\n".join(lines))
    scores = dict(line.split() for line in lines[:-1])
    if list(scores) != LABELS or not lines[-1].startswith("top: "):
        sys.exit(f"FAIL: unexpected output from {app}")
    return [float(scores[label]) for label in LABELS]


def ninja_plans_onnxc(build_dir):
    """True when the next build of build_dir would run onnxc."""
    return "--name=kws" in run(["ninja", "-C", build_dir, "-n", "-v"])


def build_installed_app(onnxc_build, work):
    prefix = install_onnxc(onnxc_build, os.path.join(work, "prefix"))
    app_build = os.path.join(work, "app")
    model = os.path.join(work, "kws.onnx")  # a copy, so the test may touch it
    shutil.copyfile(MODEL, model)
    run(["cmake", "-G", "Ninja", "-S", HERE, "-B", app_build,
         f"-DCMAKE_PREFIX_PATH={prefix}", f"-DKWS_MODEL={model}"])
    run(["cmake", "--build", app_build])
    if ninja_plans_onnxc(app_build):
        sys.exit("FAIL: onnxc would run again although nothing changed")
    for changed in (model, os.path.join(prefix, "bin", "onnxc")):
        os.utime(changed)
        if not ninja_plans_onnxc(app_build):
            sys.exit(f"FAIL: onnxc would not run again after {changed} changed")
        run(["cmake", "--build", app_build])
    return os.path.join(app_build, "cmake_app")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--app", help="the app built inside the onnxc tree")
    mode.add_argument("--install-from", help="onnxc build folder to install and build against")
    ap.add_argument("--ort-dir", required=True, help="tools/ort (run_ort.mjs, node_modules)")
    ap.add_argument("--work", required=True, help="scratch folder (emptied first)")
    args = ap.parse_args()

    work = fresh_dir(args.work)
    app = args.app or build_installed_app(args.install_from, work)
    features = np.random.default_rng(7).standard_normal((1, 1, 49, 10)).astype(np.float32)
    features_file = os.path.join(work, "features.f32")
    features.tofile(features_file)
    [expected] = ort_outputs(os.path.abspath(args.ort_dir), MODEL, [{"mfcc": features}], work)
    check_close("app vs ONNX Runtime", app_scores(app, features_file), expected)
    print("PASS")


if __name__ == "__main__":
    main()
