//===- FuseActivation.cpp - activations into their producer's epilogue -----===//
//
// Conv/ConvTranspose/Gemm/MatMul followed by fusable activations (see
// Activation.h: also Max/Min with a constant, as in LeakyRelu then a floor)
// becomes the producer alone, carrying the activations as attributes; its
// kernel applies them to each output value before storing it.
//
//===----------------------------------------------------------------------===//
#include "passes/Activation.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_FUSEACTIVATION
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// The producers whose kernels take an epilogue, on float tensors.
bool takesEpilogue(Operation *op) {
  if (!op || !llvm::isa<ConvOp, ConvTransposeOp, GemmOp, MatMulOp>(op))
    return false;
  return llvm::isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType()));
}

struct FuseActivation : onnxc::impl::FuseActivationBase<FuseActivation> {
  void runOnOperation() override {
    // In program order, so a chain fuses step by step into one producer.
    llvm::SmallVector<Operation *> activations;
    getOperation().walk([&](Operation *op) {
      Value in;
      if (matchEpilogueStep(op, in))
        activations.push_back(op);
    });
    for (Operation *op : activations) {
      Value in;
      std::optional<Activation> act = matchEpilogueStep(op, in);
      Operation *producer = in.getDefiningOp();
      // A second user of the producer's result must see it unactivated.
      if (!takesEpilogue(producer) || !in.hasOneUse() || in.getType() != op->getResult(0).getType())
        continue;
      appendFusedActivation(producer, *act);
      op->getResult(0).replaceAllUsesWith(in);
      recordFusion(producer, op);
      op->erase();
    }
  }
};

} // namespace
