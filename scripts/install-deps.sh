#!/usr/bin/env bash
# Installs what onnxc needs on Debian 12 (bookworm). Idempotent and quiet when
# everything is already there; shared by the README's two commands and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config
  libmlir-19-dev mlir-19-tools llvm-19-dev llvm-19-tools
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  python3 python3-onnx python3-numpy
  libeigen3-dev libgtest-dev
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs may come from another source (e.g. nodesource) which bundles npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ONNX Runtime for node: the test oracle. Its install script downloads from a
# blocked host, so skip it; the bundled linux/x64 library works.
if [ ! -d tools/ort/node_modules/onnxruntime-node ]; then
  echo "install-deps: installing onnxruntime-node"
  (cd tools/ort && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
