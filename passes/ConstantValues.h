//===- ConstantValues.h - float constants as doubles, and back ---*- C++ -*-===//
//
// Passes that rewrite weights at compile time (BatchNorm folding) compute in
// double; these read an onnx.Constant's float elements and make new ones.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_PASSES_CONSTANTVALUES_H
#define ONNXC_PASSES_CONSTANTVALUES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace onnxc {

/// The elements of `v` when it is an onnx.Constant of float or double (a
/// splat is expanded); nullopt otherwise.
std::optional<llvm::SmallVector<double>> constantValues(mlir::Value v);

/// The value of `v` when it is a float onnx.Constant with one element (of
/// any rank, as a broadcast scalar operand); nullopt otherwise.
std::optional<double> scalarConstant(mlir::Value v);

/// True when `v` is a one-element float constant within a relative 1e-6 of
/// `expected` (decomposed formulas store their constants in float).
bool isScalarConstant(mlir::Value v, double expected);

/// An onnx.Constant of `type` (float or double elements) holding `values`,
/// each rounded to the element type.
mlir::Value makeConstant(mlir::OpBuilder &builder, mlir::Location loc, mlir::RankedTensorType type,
                         llvm::ArrayRef<double> values);

} // namespace onnxc

#endif
