//===- SymbolicDims.h - dims that stay run-time values (--max-dim) -*- C++ -*-===//
//
// `onnxc --max-dim H=64` keeps input dimension H a run-time value up to 64.
// The IR stays static, with every symbol at its maximum (so shape inference,
// passes and the memory planner work unchanged and size buffers for the
// largest run); this analysis says, for each value, which of its dims are
// expressions of the symbols: affine expressions over s0..sk (symbol k is
// DimSymbols::names[k]) with floordiv/ceildiv/mod by constants, e.g.
// (s0 + 2 - 3) floordiv 2 + 1 after a strided convolution.
//
// The importer records the symbols on the module (onnxc.dim_symbols: names,
// onnxc.dim_maxima) and, per graph input, which dim is which symbol
// (argument attribute onnxc.dims: "" for a static dim).
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_SYMBOLICDIMS_H
#define ONNXC_DIALECT_SYMBOLICDIMS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

#include <string>

namespace onnxc {

constexpr const char *kDimSymbolsAttr = "onnxc.dim_symbols";
constexpr const char *kDimMaximaAttr = "onnxc.dim_maxima";
constexpr const char *kArgDimsAttr = "onnxc.dims";

/// The symbols of a module, in --max-dim order.
struct DimSymbols {
  llvm::SmallVector<std::string> names;
  llvm::SmallVector<int64_t> maxima;
  bool empty() const { return names.empty(); }
};

/// Reads the symbols the importer recorded (none for a static model).
DimSymbols getDimSymbols(mlir::ModuleOp module);

/// The product of `dims` (1 for none).
mlir::AffineExpr dimProduct(llvm::ArrayRef<mlir::AffineExpr> dims, mlir::MLIRContext *ctx);

/// `e` with symbol k at values[k]; divisions round down (affine semantics).
int64_t evaluateDim(mlir::AffineExpr e, llvm::ArrayRef<int64_t> values);

/// Fails (with an error on the op) where Shape or Size reads a value computed
/// from an input with a symbolic dim: shape propagation would fold it into a
/// constant holding the maxima. Runs on the imported graph, before any pass.
mlir::LogicalResult checkNoShapeReads(mlir::func::FuncOp func);

/// The dims of every value of a function, as expressions of the symbols.
class SymbolicShapes {
public:
  explicit SymbolicShapes(DimSymbols symbols) : symbols(std::move(symbols)) {}

  /// Derives the dims of every value in `func`, op by op. Fails (with an
  /// error on the op) where a symbolic dim reaches an op whose shape rule
  /// needs static dims.
  mlir::LogicalResult compute(mlir::func::FuncOp func);

  /// The dims of `v`: constants for values with static dims only.
  llvm::SmallVector<mlir::AffineExpr> dims(mlir::Value v) const;
  bool isSymbolic(mlir::Value v) const { return map.count(v); }

  const DimSymbols symbols;
  /// Every distinct non-constant dim, in the order first met: infer() checks
  /// each is at least 1 for the symbol values it is given.
  llvm::SmallVector<mlir::AffineExpr> derived;
  /// Pairs of dims that must be equal at run time (equal at the maxima, e.g.
  /// H and (H floordiv 2) * 2 after a pool and an upsample): infer() checks.
  llvm::SmallVector<std::pair<mlir::AffineExpr, mlir::AffineExpr>> equalities;

private:
  mlir::LogicalResult visit(mlir::Operation *op);
  void record(mlir::Value v, llvm::ArrayRef<mlir::AffineExpr> dims);

  llvm::DenseMap<mlir::Value, llvm::SmallVector<mlir::AffineExpr>> map;
  /// For messages: the graph input each symbol came from.
  llvm::SmallVector<std::string> origin;
};

} // namespace onnxc

#endif
