//===- FusedElementwise.h - onnx.FusedElementwise ---------------*- C++ -*-===//
//
// A chain or tree of float elementwise ops that runs as one loop (made by the
// FuseElementwise pass, emitted by codegen/cpp/emitters/FusedEmitter.cpp):
//
//   %y = "onnx.FusedElementwise"(%x, %scale) {program = [
//          {op = "Sigmoid", args = [0]},
//          {op = "Mul", args = [0, 2]},
//          {op = "Mul", args = [3, 1]}]} : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> ...
//
// Step k applies `op` (an ONNX op type) to `args`: index i below the operand
// count is operand i, above it step i - operand count. `params` are the op's
// float attributes in ONNX order (as onnxc.activation_params; Clip: its
// constant bounds). The result is the last step. Every step has the
// result's shape; an operand either has it too or broadcasts to it along
// one contiguous run of axes (broadcastRun).
//
// Written in C++ rather than ODS: it has no ONNX counterpart, no shape
// inference (it is made after shapes are static) and no folder.
//
//===----------------------------------------------------------------------===//
#ifndef ONNXC_DIALECT_FUSEDELEMENTWISE_H
#define ONNXC_DIALECT_FUSEDELEMENTWISE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <optional>
#include <string>

namespace onnxc {

struct FusedStep {
  std::string op;                      ///< ONNX op type: "Add", "Sigmoid"...
  llvm::SmallVector<int64_t, 2> args;  ///< operand or earlier step indices
  llvm::SmallVector<double, 2> params; ///< float attributes, in ONNX order
};

/// How an operand of shape `in` is read in the index space of `out` (numpy
/// broadcasting): element (i / inner) % count of it for flat output index
/// i. inner = 1, count = out's size: the same shape; count = 1: a scalar.
struct BroadcastRun {
  int64_t inner, count;
};

/// The run, when `in`'s dims that are not 1 are one contiguous block of
/// `out`'s axes (right-aligned, equal sizes); nullopt for any other
/// broadcast (e.g. [N,1,W] against [N,C,W]).
std::optional<BroadcastRun> broadcastRun(llvm::ArrayRef<int64_t> in,
                                         llvm::ArrayRef<int64_t> out);

class FusedElementwiseOp
    : public mlir::Op<FusedElementwiseOp, mlir::OpTrait::ZeroRegions, mlir::OpTrait::OneResult,
                      mlir::OpTrait::OneTypedResult<mlir::RankedTensorType>::Impl,
                      mlir::OpTrait::ZeroSuccessors, mlir::OpTrait::VariadicOperands,
                      mlir::ConditionallySpeculatable::Trait,
                      mlir::OpTrait::AlwaysSpeculatableImplTrait,
                      mlir::MemoryEffectOpInterface::Trait> {
public:
  using Op::Op;
  static constexpr llvm::StringLiteral getOperationName() {
    return llvm::StringLiteral("onnx.FusedElementwise");
  }
  static llvm::ArrayRef<llvm::StringRef> getAttributeNames() {
    static llvm::StringRef names[] = {"program"};
    return names;
  }
  static void build(mlir::OpBuilder &b, mlir::OperationState &state, mlir::Type result,
                    mlir::ValueRange operands, llvm::ArrayRef<FusedStep> steps);

  /// The steps of the `program` attribute (checked by verify()).
  llvm::SmallVector<FusedStep> getSteps();

  /// Pure: no memory effects (dead-node elimination may erase it).
  void getEffects(llvm::SmallVectorImpl<
                  mlir::SideEffects::EffectInstance<mlir::MemoryEffects::Effect>> &) {}
  mlir::LogicalResult verify();
};

} // namespace onnxc

#endif
