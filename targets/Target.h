//===- Target.h - the targets onnxc compiles for ----------------*- C++ -*-===//
#ifndef ONNXC_TARGETS_TARGET_H
#define ONNXC_TARGETS_TARGET_H

#include <string>
#include <vector>

namespace onnxc {

/// A program or file a target needs, and the Debian package that has it.
struct Requirement {
  std::string program; ///< looked up in PATH, or an absolute path (or empty)
  std::string file;    ///< an absolute path that must exist (or empty)
  std::string package;
  std::string install; ///< how to get it, where that is not a Debian package
};

/// How to turn generated C++ into a static library for one target. Each
/// target is described by targets/NAME.json (embedded into onnxc at build
/// time); the test harness reads the same files for how to run a target.
struct Target {
  std::string name;
  std::vector<std::string> aliases;
  std::string description;
  std::string triple;
  bool cuda = false;                 ///< CUDA C++ for nvcc instead of C++
  std::string sourceSuffix;          ///< of the generated source: ".cpp", ".cu"
  Requirement cxx;                   ///< C++ compiler
  std::string cxxEnv;                ///< environment variable that overrides cxx, if any
  std::vector<std::string> cxxFlags; ///< every flag for the generated code
  Requirement ar;                    ///< archiver
  std::vector<Requirement> requires; ///< headers, libraries: checked before compiling
  /// Micro-tile rows of the float GEMM its kernels pack `a` for (AVX2 and
  /// AVX-512 both read slivers of 6); constant Conv weights are pre-packed
  /// so at compile time, and the generated code static_asserts the kernel
  /// agrees. 0: the kernels read weights in place (NEON, wasm, Cortex-M, CUDA).
  int64_t gemmSliverRows = 0;
  /// Micro-tile columns of that GEMM (vectors x lanes: 64 with AVX-512, 16
  /// with AVX2), for constant Gemm/MatMul B pre-packed as its panels; the
  /// host's for the native target. 0: B is read as it is.
  int64_t gemmPanelColumns = 0;

  /// True where generated code may start threads (--threads above 1): Linux
  /// with pthreads. Bare-metal Cortex-M, wasm32-wasi and CUDA have none.
  bool hasThreads() const;
  /// The compiler to run: $cxxEnv when set, else cxx.program.
  std::string compiler() const;
  /// Empty when every tool the library build needs is there, else an error
  /// naming the first missing one and the Debian package to install.
  std::string missingTool() const;
};

/// The target called `name` (or one of its aliases), or null.
const Target *findTarget(const std::string &name);

/// Every known target, in name order, for --list-targets and error messages.
const std::vector<Target> &allTargets();

} // namespace onnxc

#endif
