//===- FuseMatMulBias.cpp - MatMul + Add of a bias vector as one op --------===//
//
// Add(MatMul(A, B), bias) where bias broadcasts along the last axis only
// (shape [N], or [1, ..., 1, N] when constant) is a linear layer. It becomes
//   Gemm(A, B, bias)            when A and B are 2-D, or
//   MatMul(A, B, bias)          otherwise (onnxc's MatMul bias operand),
// so that the bias is written with the product (the kernel starts each row
// from it) and a following activation can fuse into the same kernel. The
// MatMul's result must have no other user, and bias must be computed before
// the MatMul (a constant, a graph input or an earlier op's result).
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_FUSEMATMULBIAS
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// `v` as a [n] vector usable as the MatMul's bias: itself when 1-D and
/// available before `matmul`, a new 1-D constant when it is a constant of
/// shape [1, ..., 1, n]; null otherwise.
Value biasVector(Value v, int64_t n, MatMulOp matmul) {
  auto type = llvm::dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() || type.getRank() == 0 || type.getShape().back() != n ||
      type.getNumElements() != n)
    return {};
  Operation *def = v.getDefiningOp();
  bool ready = !def || (def->getBlock() == matmul->getBlock() && def->isBeforeInBlock(matmul));
  if (type.getRank() == 1 && ready)
    return v;
  auto cst = v.getDefiningOp<ConstantOp>();
  if (!cst)
    return {};
  OpBuilder builder(matmul);
  auto vector = RankedTensorType::get({n}, type.getElementType());
  auto value = llvm::cast<DenseElementsAttr>(cst.getValue()).reshape(vector);
  return builder.create<ConstantOp>(cst.getLoc(), vector, value);
}

/// Fuses `add` into the MatMul producing one of its operands; false (IR
/// unchanged) when the pattern does not apply.
bool fuseBias(AddOp add) {
  for (int side = 0; side < 2; ++side) {
    Value product = add->getOperand(side), other = add->getOperand(1 - side);
    auto matmul = product.getDefiningOp<MatMulOp>();
    if (!matmul || matmul.getBias() || !product.hasOneUse() ||
        product.getType() != add.getType())
      continue;
    auto a = llvm::cast<RankedTensorType>(matmul.getA().getType());
    auto b = llvm::cast<RankedTensorType>(matmul.getB().getType());
    if (b.getRank() < 2 || a.getRank() < 2)
      continue;
    Value bias = biasVector(other, b.getShape().back(), matmul);
    if (!bias)
      continue;
    OpBuilder builder(add);
    llvm::SmallVector<Value> operands{matmul.getA(), matmul.getB(), bias};
    Operation *fused;
    if (a.getRank() == 2 && b.getRank() == 2)
      fused = builder.create<GemmOp>(matmul.getLoc(), add.getType(), operands);
    else
      fused = builder.create<MatMulOp>(matmul.getLoc(), add.getType(), operands);
    fused->setDiscardableAttrs(matmul->getDiscardableAttrDictionary());
    if (llvm::isa<GemmOp>(fused)) // the report shows the Gemm replacing the MatMul
      recordFusion(fused, matmul);
    recordFusion(fused, add);
    add.getC().replaceAllUsesWith(fused->getResult(0));
    add.erase();
    matmul.erase();
    return true;
  }
  return false;
}

struct FuseMatMulBias : onnxc::impl::FuseMatMulBiasBase<FuseMatMulBias> {
  void runOnOperation() override {
    llvm::SmallVector<AddOp> adds;
    getOperation().walk([&](AddOp add) { adds.push_back(add); });
    for (AddOp add : adds)
      fuseBias(add);
  }
};

} // namespace
