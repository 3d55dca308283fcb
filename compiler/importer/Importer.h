//===- Importer.h - ONNX model file -> `onnx` dialect module ----*- C++ -*-===//
#ifndef ONNXC_IMPORTER_IMPORTER_H
#define ONNXC_IMPORTER_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace onnxc {

/// The opset every model is converted to; the dialect implements its ops.
constexpr int kTargetOpset = 17;

struct ImportOptions {
  /// Static shapes for graph inputs, overriding (or fixing symbolic dims of)
  /// the shapes in the model.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// The element shapes of sequence inputs (also of optional sequences): the
  /// generated code takes one buffer per element.
  std::map<std::string, std::vector<std::vector<int64_t>>> sequenceShapes;
  /// Optional inputs compiled as absent (they take no buffer); the others
  /// are present.
  std::set<std::string> absentInputs;
  /// Symbolic input dims (dim_param names) kept dynamic up to a maximum
  /// (--max-dim), in command-line order; see compiler/dialect/SymbolicDims.h.
  std::vector<std::pair<std::string, int64_t>> maxDims;
};

/// Loads, validates, converts and imports the model at `path`. On failure
/// returns null and sets `error` to a message naming the file and, where
/// there is one, the node.
mlir::OwningOpRef<mlir::ModuleOp> importModel(mlir::MLIRContext &ctx,
                                              const std::string &path,
                                              const ImportOptions &options,
                                              std::string &error);

} // namespace onnxc

#endif
