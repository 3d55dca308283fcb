//===- OpChecks.h - operand checks shared by op verifiers -------*- C++ -*-===//
//
// Small checks and result builders that the verify() and inferShapes() of
// the op families (IndexOps.cpp, NdIndexOps.cpp, SelectOps.cpp, ...) share.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_OPCHECKS_H
#define ONNXC_DIALECT_OPCHECKS_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace onnxc {

mlir::Type elementType(mlir::Value v);
std::optional<int64_t> rankOf(mlir::Value v);
bool isIndexType(mlir::Type t); ///< int32 or int64
bool isAbsent(mlir::Value v);   ///< an onnx.NoValue operand

/// Appends a ranked tensor type of `shape` and `elem` to `results`.
mlir::LogicalResult result(llvm::SmallVectorImpl<mlir::Type> &results,
                           llvm::ArrayRef<int64_t> shape, mlir::Type elem);

/// For ops whose result shape follows from input values that are not
/// constants: the shape must come from the model.
mlir::LogicalResult needsDeclaredShape(mlir::Operation *op, llvm::StringRef inputs);

/// `axis` in range for the rank of `v` when that is known.
mlir::LogicalResult checkAxis(mlir::Operation *op, mlir::Value v, int64_t axis);

/// A scalar or one-element operand of an integer type (k, axis, depth...);
/// an absent one passes.
mlir::LogicalResult checkIntScalar(mlir::Operation *op, mlir::Value v, llvm::StringRef name);

/// The values of a constant operand of any numeric type, as doubles.
std::optional<llvm::SmallVector<double>> constantDoubles(mlir::Value v);

} // namespace onnxc

#endif
