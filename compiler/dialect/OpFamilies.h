//===- OpFamilies.h - verifiers and shape rules shared by op families -*- C++ -*-===//
//
// The elementwise op classes of OnnxOps.td (binary, comparison, variadic,
// unary) define their verify() and inferShapes() with these functions, so a
// new op of a family is one line of ODS.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_OPFAMILIES_H
#define ONNXC_DIALECT_OPFAMILIES_H

#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/Operation.h"

namespace onnxc {

/// Two broadcastable operands; of one element type when `sameTypes`.
mlir::LogicalResult verifyBinaryOp(mlir::Operation *op, bool sameTypes);
/// One or more broadcastable operands of one element type.
mlir::LogicalResult verifyVariadicOp(mlir::Operation *op);
/// Result element type equal to the operand's.
mlir::LogicalResult verifyUnaryOp(mlir::Operation *op);

/// Result: the broadcast of all operands, of element type `elem` (operand 0's
/// when null).
mlir::LogicalResult inferBroadcast(mlir::Operation *op, mlir::Type elem,
                                   llvm::SmallVectorImpl<mlir::Type> &results);
/// Result: operand 0's type.
mlir::LogicalResult inferSameAsInput(mlir::Operation *op,
                                     llvm::SmallVectorImpl<mlir::Type> &results);

/// Result of a global pooling op: operand 0's [N, C] with every spatial dim 1.
mlir::LogicalResult inferGlobalPool(mlir::Operation *op,
                                    llvm::SmallVectorImpl<mlir::Type> &results);

/// The checks Conv and ConvTranspose share: X of rank >= 3, W of X's rank,
/// group >= 1.
mlir::LogicalResult verifyConvRanks(mlir::Operation *op, mlir::Value x, mlir::Value w,
                                    int64_t group);

/// The static shape of operand `v` of `op`, or an error on `op` (for the
/// inferShapes() of ops defined outside ShapeInference.cpp).
mlir::FailureOr<llvm::SmallVector<int64_t>> staticShapeOf(mlir::Operation *op, mlir::Value v);
/// Result of reducing `data` over `axes` (all of them when absent or empty,
/// none with `noopWhenEmpty`), unit dims kept with `keepdims`.
mlir::LogicalResult inferReduce(mlir::Operation *op, mlir::Value data,
                                std::optional<llvm::SmallVector<int64_t>> axes, bool keepdims,
                                bool noopWhenEmpty, llvm::SmallVectorImpl<mlir::Type> &results);

/// Folds an elementwise op (`operands`: its constant operands, null where
/// not constant) on small integer and bool tensors, the arithmetic and logic
/// of shape computations; null when it does not fold.
mlir::OpFoldResult foldElementwise(mlir::Operation *op,
                                   llvm::ArrayRef<mlir::Attribute> operands);

/// MaxUnpool's result shape without output_shape for X of shape `x`: each
/// spatial dim (in - 1) * stride + kernel - pad_begin - pad_end
/// (SpatialOps.cpp). The indices are offsets in this shape.
llvm::SmallVector<int64_t> unpooledShape(mlir::Operation *maxUnpool, llvm::ArrayRef<int64_t> x);

/// Hann, Hamming and BlackmanWindow (SignalOps.cpp).
mlir::LogicalResult verifyWindowOp(mlir::Operation *op);
mlir::LogicalResult inferWindowOp(mlir::Operation *op, llvm::SmallVectorImpl<mlir::Type> &results);

} // namespace onnxc

#endif
