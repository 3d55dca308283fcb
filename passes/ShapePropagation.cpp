//===- ShapePropagation.cpp - make every tensor type static ---------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "passes/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"

namespace onnxc {
#define GEN_PASS_DEF_SHAPEPROPAGATION
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;

namespace {

bool isStatic(Type t) {
  auto ranked = llvm::dyn_cast<RankedTensorType>(t);
  return llvm::isa<NoneType>(t) || (ranked && ranked.hasStaticShape());
}

/// Replaces the uses of `op`'s results by constants when its folder computes
/// them (a shape computation on static shapes: Shape -> Gather -> Concat...),
/// so that the ops after it see constant shape operands. The op itself is
/// left for dead-node elimination. Folds to an existing value (Identity)
/// are canonicalization, left to -O2.
void foldToConstants(Operation *op) {
  if (op->hasTrait<OpTrait::ConstantLike>())
    return;
  SmallVector<Attribute> operands(op->getNumOperands());
  for (auto [v, attr] : llvm::zip(op->getOperands(), operands))
    matchPattern(v, m_Constant(&attr));
  SmallVector<OpFoldResult> folded;
  if (failed(op->fold(operands, folded)) || folded.size() != op->getNumResults())
    return;
  if (llvm::any_of(folded, [](OpFoldResult f) { return llvm::isa<Value>(f); }))
    return;
  OpBuilder b(op);
  SmallVector<Value> values;
  for (auto [result, f] : llvm::zip(op->getResults(), folded)) {
    Operation *cst = op->getDialect()->materializeConstant(b, llvm::cast<Attribute>(f),
                                                           result.getType(), op->getLoc());
    if (!cst)
      return;
    values.push_back(cst->getResult(0));
  }
  op->replaceAllUsesWith(values);
}

struct ShapePropagation : onnxc::impl::ShapePropagationBase<ShapePropagation> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    for (BlockArgument arg : func.getArguments())
      if (!isStatic(arg.getType())) {
        func.emitError("input ") << arg.getArgNumber() << " has no static shape";
        return signalPassFailure();
      }
    WalkResult walk = func.walk([&](Operation *op) -> WalkResult {
      if (llvm::all_of(op->getResultTypes(), isStatic)) {
        foldToConstants(op);
        return WalkResult::advance();
      }
      auto shaped = llvm::dyn_cast<onnxc::ShapeInference>(op);
      if (!shaped) {
        op->emitOpError("cannot infer the shape of its results");
        return WalkResult::interrupt();
      }
      // The operands may have been refined since the op was last verified
      // (unranked when parsed, static now): inferShapes relies on the
      // verifier's checks (a perm that fits the rank...), so rerun it.
      if (failed(mlir::verify(op, /*verifyRecursively=*/false)))
        return WalkResult::interrupt();
      llvm::SmallVector<Type> types;
      if (failed(shaped.inferShapes(types)))
        return WalkResult::interrupt();
      for (auto [result, type] : llvm::zip(op->getResults(), types)) {
        if (!isStatic(type)) {
          op->emitOpError("result shape is still dynamic: ") << type;
          return WalkResult::interrupt();
        }
        result.setType(type);
      }
      foldToConstants(op);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    Operation *ret = func.getBody().back().getTerminator();
    func.setFunctionType(FunctionType::get(&getContext(), func.getArgumentTypes(),
                                           ret->getOperandTypes()));
  }
};

} // namespace
