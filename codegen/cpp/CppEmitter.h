//===- CppEmitter.h - the C++ backend: planned module -> C++17 source -*- C++ -*-===//
#ifndef ONNXC_CODEGEN_CPP_CPPEMITTER_H
#define ONNXC_CODEGEN_CPP_CPPEMITTER_H

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace onnxc::cpp {

struct EmitOptions {
  std::string name;      ///< model name: C identifier, prefix of every symbol
  std::string modelPath; ///< for the header comment
  bool cuda = false;     ///< CUDA C++ for nvcc (CudaEntryPoints.h) instead of C++
  /// --threads: the most tasks a heavy kernel splits into; above 1 they run
  /// through NAME_parallel_for (kernels/parallel.h, runtime_stub/).
  int threads = 1;
  int64_t taskMinWork = 1; ///< --task-min-work: the fewest multiply-adds a task gets
};

struct EmittedModel {
  std::string header; ///< NAME.h: the generated API, C and C++
  std::string source; ///< NAME.cpp: kernels, weights, infer()
};

/// Emits a module that has been through the pass pipeline (static shapes,
/// memory planned). Errors are reported as diagnostics on the offending op.
mlir::LogicalResult emitModel(mlir::ModuleOp module, const EmitOptions &options,
                              EmittedModel &out);

} // namespace onnxc::cpp

#endif
