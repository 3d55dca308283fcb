//===- Flops.cpp - arithmetic cost of one node ----------------------------===//
#include "compiler/report/Flops.h"

#include "compiler/dialect/FusedElementwise.h"
#include "compiler/dialect/OnnxDialect.h"
#include "passes/Activation.h"

using namespace mlir;

namespace onnxc {
namespace {

llvm::ArrayRef<int64_t> shapeOf(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() ? t.getShape() : llvm::ArrayRef<int64_t>();
}

int64_t product(llvm::ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

/// Multiply-adds (counted as two) of a Conv, Gemm or MatMul; -1 for other ops.
int64_t productFlops(Operation *op, llvm::ArrayRef<int64_t> out) {
  if (auto conv = llvm::dyn_cast<ConvOp>(op)) {
    // Each output element: C / group * kernel taps multiply-adds.
    llvm::ArrayRef<int64_t> w = shapeOf(conv.getW());
    return w.empty() ? 0 : 2 * product(out) * product(w.drop_front(1));
  }
  if (auto gemm = llvm::dyn_cast<GemmOp>(op)) {
    llvm::ArrayRef<int64_t> a = shapeOf(gemm.getA());
    return a.size() != 2 ? 0 : 2 * product(out) * (gemm.getTransA() ? a[0] : a[1]);
  }
  if (auto matmul = llvm::dyn_cast<MatMulOp>(op)) {
    llvm::ArrayRef<int64_t> a = shapeOf(matmul.getA());
    return a.empty() ? 0 : 2 * product(out) * a.back();
  }
  if (auto fused = llvm::dyn_cast<FusedElementwiseOp>(op)) // one per step and element
    return product(out) * int64_t(fused.getSteps().size());
  return -1;
}

/// Elementwise steps the kernel's epilogue adds per output element, each
/// counted as the op it replaced was: a bias, a residual addend, an activation.
int64_t epilogueSteps(Operation *op) {
  int64_t steps = int64_t(fusedActivations(op).size());
  if (auto conv = llvm::dyn_cast<ConvOp>(op))
    steps += !llvm::isa<NoneType>(conv.getB().getType()) + bool(conv.getAddend());
  else if (auto gemm = llvm::dyn_cast<GemmOp>(op))
    steps += !llvm::isa<NoneType>(gemm.getC().getType()) + bool(gemm.getAddend());
  else if (auto matmul = llvm::dyn_cast<MatMulOp>(op))
    steps += bool(matmul.getBias());
  return steps;
}

} // namespace

int64_t estimateFlops(Operation *op) {
  if (op->getNumResults() == 0)
    return 0;
  llvm::ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  const int64_t flops = productFlops(op, out);
  return flops < 0 ? product(out) : flops + epilogueSteps(op) * product(out);
}

} // namespace onnxc
