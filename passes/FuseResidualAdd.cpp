//===- FuseResidualAdd.cpp - a residual Add into the Conv/Gemm epilogue ----===//
//
// Add(P(...), skip) with P a float Conv or Gemm whose result has no other
// user and skip a tensor of exactly P's result type (a residual connection:
// no broadcasting) becomes P with onnxc's `addend` operand: its kernel adds
// skip to each output after the product and bias, before an activation, so
// that FuseActivation (which runs later) can then fuse the Relu after a
// ResNet block into the same kernel.
//
// The fused op takes the Add's place in the block, where skip is available
// whichever of the two was computed first. When both operands are such
// producers, the one computed later takes the other as its addend, so that no
// op moves. The memory planner never lets a result share bytes with an
// operand of the same op, so the addend stays intact while the kernel reads it.
//
//===----------------------------------------------------------------------===//
#include "passes/Activation.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_FUSERESIDUALADD
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// `v`'s producer when it can take an addend: a float Conv or Gemm in
/// `block`, with no addend or activation yet (the addend goes before the
/// activation), whose result is used only once; null otherwise.
Operation *residualProducer(Value v, Block *block) {
  Operation *def = v.getDefiningOp();
  if (!def || def->getBlock() != block || !v.hasOneUse() || !fusedActivations(def).empty() ||
      !llvm::isa<FloatType>(getElementTypeOrSelf(v.getType())))
    return nullptr;
  if (auto conv = llvm::dyn_cast<ConvOp>(def))
    return conv.getAddend() ? nullptr : def;
  if (auto gemm = llvm::dyn_cast<GemmOp>(def))
    return gemm.getAddend() ? nullptr : def;
  return nullptr;
}

/// True when `v` is available before `op` runs (an argument, or the result
/// of an earlier op of the same block).
bool readyBefore(Value v, Operation *op) {
  Operation *def = v.getDefiningOp();
  return !def || (def->getBlock() == op->getBlock() && def->isBeforeInBlock(op));
}

/// Fuses `add` into the Conv/Gemm producing one of its operands; false (IR
/// unchanged) when the pattern does not apply.
bool fuseResidual(AddOp add) {
  Operation *producer = nullptr;
  Value skip;
  for (int side = 0; side < 2; ++side) {
    Value product = add->getOperand(side), other = add->getOperand(1 - side);
    Operation *p = residualProducer(product, add->getBlock());
    if (!p || other.getType() != add.getType() || product.getType() != add.getType())
      continue;
    // Prefer the producer that already runs after skip: nothing moves.
    if (!producer || readyBefore(other, p))
      producer = p, skip = other;
  }
  if (!producer)
    return false;
  OpBuilder builder(add);
  Operation *fused = builder.clone(*producer);
  fused->insertOperands(fused->getNumOperands(), skip);
  recordFusion(fused, add);
  add->getResult(0).replaceAllUsesWith(fused->getResult(0));
  add.erase();
  producer->erase();
  return true;
}

struct FuseResidualAdd : onnxc::impl::FuseResidualAddBase<FuseResidualAdd> {
  void runOnOperation() override {
    llvm::SmallVector<AddOp> adds;
    getOperation().walk([&](AddOp add) { adds.push_back(add); });
    for (AddOp add : adds)
      fuseResidual(add);
  }
};

} // namespace
