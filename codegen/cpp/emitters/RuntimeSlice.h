//===- RuntimeSlice.h - Slice whose starts/ends/axes/steps are graph inputs -*- C++ -*-===//
#ifndef ONNXC_CODEGEN_CPP_EMITTERS_RUNTIMESLICE_H
#define ONNXC_CODEGEN_CPP_EMITTERS_RUNTIMESLICE_H

#include "codegen/cpp/NodeWriter.h"

namespace onnxc::cpp {

/// True when a present starts/ends/axes/steps operand of onnx.Slice `op` is
/// not a constant.
bool sliceHasRuntimeOperands(mlir::Operation *op);

/// Slice into the compiled result shape with parameters read at run time;
/// the node returns false when they imply another shape.
mlir::LogicalResult emitRuntimeSlice(NodeWriter &w);

} // namespace onnxc::cpp

#endif
