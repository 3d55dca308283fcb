#!/usr/bin/env bash
# The README's main command: installs what is missing, builds onnxc, compiles
# the bundled keyword-spotting model into a static library, links it into a
# small C program and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --no-test-deps   # the example needs no test oracle
scripts/build.sh
out=build/examples/hello
build/compiler/driver/onnxc examples/hello/kws.onnx --target=x86-64 -o "$out" --name kws
cc -std=c11 -O2 -I "$out" examples/hello/main.c "$out/libkws.a" -lm -o "$out/hello"
"$out/hello"
