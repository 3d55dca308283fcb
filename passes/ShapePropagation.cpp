//===- ShapePropagation.cpp - make every tensor type static ---------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "passes/Passes.h"

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

struct ShapePropagation : onnxc::impl::ShapePropagationBase<ShapePropagation> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    for (BlockArgument arg : func.getArguments())
      if (!isStatic(arg.getType())) {
        func.emitError("input ") << arg.getArgNumber() << " has no static shape";
        return signalPassFailure();
      }
    WalkResult walk = func.walk([&](Operation *op) -> WalkResult {
      if (llvm::all_of(op->getResultTypes(), isStatic))
        return WalkResult::advance();
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
