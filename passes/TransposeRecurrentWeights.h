//===- TransposeRecurrentWeights.h - constant R stored as R^T ---*- C++ -*-===//
#ifndef ONNXC_PASSES_TRANSPOSERECURRENTWEIGHTS_H
#define ONNXC_PASSES_TRANSPOSERECURRENTWEIGHTS_H

#include "mlir/Pass/Pass.h"

#include <memory>

namespace onnxc {

/// Mark an LSTM/GRU/RNN whose W (R) operand holds, per direction, W^T
/// [input, gates * hidden] (R^T [hidden, gates * hidden]) in the operand's
/// own tensor type (row-major data).
constexpr llvm::StringLiteral kWTransposedAttr = "onnxc.w_transposed";
constexpr llvm::StringLiteral kRTransposedAttr = "onnxc.r_transposed";

/// onnx-transpose-recurrent-weights (TransposeRecurrentWeights.cpp).
std::unique_ptr<mlir::Pass> createTransposeRecurrentWeights();
void registerTransposeRecurrentWeights();

} // namespace onnxc

#endif
