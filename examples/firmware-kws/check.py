#!/usr/bin/python3
"""Builds examples/firmware-kws (the Cortex-M4 image, arm-none-eabi-gcc)
against an installed onnxc, runs it under qemu-system-arm -M mps2-an386 on
random windows of embeddings and checks its scores against the host build of
examples/kws-app and ONNX Runtime (atol 1e-4 / rtol 1e-3). Prints the image's
flash and RAM use (arm-none-eabi-size).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "kws-app"))
from kws_check import check_platform, cmake_build, run  # noqa: E402

# The board without display, monitor or UART; semihosting output on stdout.
QEMU = ["qemu-system-arm", "-M", "mps2-an386", "-display", "none", "-monitor", "none",
        "-serial", "none", "-chardev", "stdio,id=console"]


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


def build_and_run(work, prefix, model, windows_file):
    build_dir = os.path.join(work, "firmware")
    print_sizes(cmake_build(HERE, build_dir, prefix, model, os.path.join(HERE, "arm-none-eabi.cmake")))
    return run(QEMU + ["-kernel", os.path.join(build_dir, "firmware-kws.elf"),
                       "-semihosting-config", "enable=on,target=native,chardev=console,"
                       f"arg=firmware-kws.elf,arg={windows_file}"], timeout=120)


if __name__ == "__main__":
    check_platform("firmware", __doc__.split("\n")[0], build_and_run)
