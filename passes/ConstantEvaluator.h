//===- ConstantEvaluator.h - compute float ops on constant operands -*- C++ -*-===//
//
// The compiler-side reference evaluator: it computes an op whose operands are
// all constants, in double, with Eigen (never in generated code). It covers
// what exported models compute from their weights before the first input is
// read: elementwise arithmetic with numpy broadcasting, Transpose, MatMul and
// Gemm.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_PASSES_CONSTANTEVALUATOR_H
#define ONNXC_PASSES_CONSTANTEVALUATOR_H

#include "mlir/IR/Operation.h"

#include <optional>

namespace onnxc {

/// One operand of an evaluated op: its static shape and its elements in
/// row-major order.
struct ConstantOperand {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<double> values;
};

/// The elements of `op`'s only result (its static shape is the result
/// type's), or nullopt when the op or one of its attributes is not one the
/// evaluator computes. `operands` are op's operands in order; an absent
/// optional operand has no values and an empty shape.
std::optional<llvm::SmallVector<double>>
evaluateConstantOp(mlir::Operation *op, llvm::ArrayRef<ConstantOperand> operands);

} // namespace onnxc

#endif
