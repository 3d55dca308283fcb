//===- Recurrent.h - LSTM/GRU/RNN geometry and activations -----*- C++ -*-===//
//
// Shared by the verifier, shape inference and the C++ emitter of the
// recurrent ops, so that all three read the attributes the same way.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_RECURRENT_H
#define ONNXC_DIALECT_RECURRENT_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace onnxc {

/// Sizes of a recurrent op, from its operand shapes and attributes.
struct RecurrentGeometry {
  int64_t seq = 0, batch = 0, input = 0, hidden = 0, dirs = 1;
  int64_t gates = 1;      ///< LSTM 4, GRU 3, RNN 1
  int64_t functions = 1;  ///< activation functions per direction: 3, 2, 1
  bool batchMajor = false; ///< layout = 1
  bool reverse = false;    ///< direction = "reverse"
};

/// One activation of the `activations` attribute, with its alpha and beta
/// (the op's defaults where the lists do not give them).
struct RecurrentActivation {
  int kind; ///< index into recurrentActivationNames()
  float alpha, beta;
};

/// The activation names ONNX allows, in the order of kernels/rnn.h's enum.
llvm::ArrayRef<const char *> recurrentActivationNames();

/// Resolves the geometry of onnx.LSTM/GRU/RNN `op` (operand shapes must be
/// static). Returns an error message, empty on success.
std::string recurrentGeometry(mlir::Operation *op, RecurrentGeometry &geo);

/// The dirs * functions activations of `op` (defaults: Sigmoid, Tanh, Tanh
/// for LSTM; Sigmoid, Tanh for GRU; Tanh for RNN). Returns an error message,
/// empty on success.
std::string recurrentActivations(mlir::Operation *op, const RecurrentGeometry &geo,
                                 llvm::SmallVectorImpl<RecurrentActivation> &acts);

/// Verifier of the recurrent ops: attributes and, where known, operand ranks.
mlir::LogicalResult verifyRecurrentOp(mlir::Operation *op);

/// Result types: Y, Y_h (and Y_c for LSTM) in the op's layout.
mlir::LogicalResult inferRecurrent(mlir::Operation *op,
                                   llvm::SmallVectorImpl<mlir::Type> &results);

} // namespace onnxc

#endif
