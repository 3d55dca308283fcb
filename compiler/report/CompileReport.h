//===- CompileReport.h - what the compiler did to a model ---------*- C++ -*-===//
//
// `onnxc --report=FILE.json|FILE.html`: the graph before and after
// optimization (nodes, edges, what fused into what, FLOPs per kernel), the
// node count after each pass, arena bytes against the sum of all
// intermediate tensors, weight bytes and generated code size.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_COMPILER_REPORT_COMPILEREPORT_H
#define ONNXC_COMPILER_REPORT_COMPILEREPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/JSON.h"

#include <memory>
#include <string>

namespace onnxc {

class CompileReport {
public:
  /// Records the graph of `module` under `stage` ("imported", "optimized").
  void recordGraph(llvm::StringRef stage, mlir::ModuleOp module);
  /// Makes `pm` record the node count after each of its passes.
  void instrument(mlir::PassManager &pm);
  /// Records the memory plan and weights of the final `module`.
  void recordMemory(mlir::ModuleOp module);
  /// Records the size of a generated file.
  void recordCodeSize(llvm::StringRef file, uint64_t bytes);

  /// Writes the report as JSON, or as a self-contained HTML page when `path`
  /// ends in .html; false with `error` set otherwise.
  bool write(const std::string &path, std::string &error) const;

private:
  llvm::json::Object report;
  llvm::json::Array passes;
};

} // namespace onnxc

#endif
