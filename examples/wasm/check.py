#!/usr/bin/python3
"""Builds examples/kws-app for wasm32-wasi (clang-19, toolchain file
wasm32-wasi.cmake) against an installed onnxc, runs the module from node
(run.mjs, node's wasi module) on random windows of embeddings and checks its
scores against the host build and ONNX Runtime (atol 1e-4 / rtol 1e-3).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(os.path.dirname(HERE), "kws-app")
sys.path.insert(0, APP)
from kws_check import check_platform, cmake_build, run  # noqa: E402


def build_and_run(work, prefix, model, windows_file):
    build_dir = os.path.join(work, "wasm")
    cmake_build(APP, build_dir, prefix, model, os.path.join(HERE, "wasm32-wasi.cmake"))
    module = os.path.join(build_dir, "kws_app.wasm")
    print(f"kws_app.wasm: {os.path.getsize(module)} bytes")
    return run(["node"] + node_wasi_flags() + [os.path.join(HERE, "run.mjs"), module, windows_file])


def node_wasi_flags():
    """Node before 18.17 enables its wasi module only with a flag that
    Node 20 no longer needs (and later versions may reject)."""
    major = int(run(["node", "-p", "process.versions.node"]).split(".")[0])
    return ["--no-warnings"] + (["--experimental-wasi-unstable-preview1"] if major < 20 else [])


if __name__ == "__main__":
    check_platform("wasm32", __doc__.split("\n")[0], build_and_run)
