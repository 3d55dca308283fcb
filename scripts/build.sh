#!/usr/bin/env bash
# Configures (once) and builds onnxc into build/ with Ninja; ccache makes
# rebuilds incremental across clean checkouts too.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build
