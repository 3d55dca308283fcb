# lit configuration for onnxc.
#
#   passes/*.mlir, dialect/*.mlir: onnxc-opt input -> FileCheck on its output
#                                  (or -verify-diagnostics for errors)
#   onnxc/*.test:                  the onnxc CLI on models that Inputs/*.py write
#
# Substitutions: %python (python3 with onnx), %inputs (tests/lit/Inputs),
# %cc, %cxx and %nm (the C and C++ compilers and nm of the CMake build),
# %onnxc (onnxc by its path, for RUN lines that change PATH).
# onnxc, onnxc-opt, FileCheck, not and count are found on PATH.
import os

import lit.formats

config.name = "onnxc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.onnxc_exec_root
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]

for tool in (config.onnxc, config.onnxc_opt, config.filecheck, config.not_tool, config.count_tool):
    if not os.access(tool, os.X_OK):
        lit_config.fatal(f"{tool} is missing: build it first "
                         "(ninja -C BUILD onnxc onnxc-opt, or ninja -C BUILD check-lit)")

# The tools under test first on PATH, then FileCheck/not/count, then the rest.
tool_dirs = []
for tool in (config.onnxc, config.onnxc_opt, config.filecheck, config.not_tool, config.count_tool):
    if os.path.dirname(tool) not in tool_dirs:
        tool_dirs.append(os.path.dirname(tool))
config.environment["PATH"] = os.pathsep.join(tool_dirs + [os.environ.get("PATH", "/usr/bin:/bin")])

config.substitutions.append(("%python", config.python))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%cxx", config.cxx))
config.substitutions.append(("%cc", config.cc))
config.substitutions.append(("%nm", config.nm))

# The HTML compile report is checked in headless Chromium (Debian's chromium,
# a test dependency): tests that need it say REQUIRES: chromium.
import shutil
if shutil.which("chromium"):
    config.available_features.add("chromium")
    config.substitutions.append(
        ("%chromium", "chromium --headless --no-sandbox --disable-gpu --dump-dom"))

# onnxc by its full path, for RUN lines that change PATH.
config.substitutions.append(("%onnxc", config.onnxc))
