//===- FuseActivation.cpp - activations into their producer's epilogue -----===//
//
// Conv/ConvTranspose/Gemm/MatMul followed by a fusable activation (see Activation.h)
// becomes the producer alone, carrying the activation as attributes; its
// kernel applies it to each output value before storing it.
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
  if (!op || !llvm::isa<ConvOp, ConvTransposeOp, GemmOp, MatMulOp>(op) || fusedActivation(op))
    return false;
  return llvm::isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType()));
}

struct FuseActivation : onnxc::impl::FuseActivationBase<FuseActivation> {
  void runOnOperation() override {
    llvm::SmallVector<Operation *> activations;
    getOperation().walk([&](Operation *op) {
      if (op->getNumOperands() > 0 && matchActivation(op))
        activations.push_back(op);
    });
    for (Operation *op : activations) {
      Value in = op->getOperand(0);
      Operation *producer = in.getDefiningOp();
      // A second user of the producer's result must see it unactivated.
      if (!takesEpilogue(producer) || !in.hasOneUse() ||
          in.getType() != op->getResult(0).getType())
        continue;
      setFusedActivation(producer, *matchActivation(op));
      op->getResult(0).replaceAllUsesWith(in);
      recordFusion(producer, op);
      op->erase();
    }
  }
};

} // namespace
