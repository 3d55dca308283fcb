//===- EvaluateConstants.cpp - compute constant subgraphs at compile time -===//
//
// An op whose operands are all float constants becomes the constant it
// computes (passes/ConstantEvaluator.cpp), in program order, so a whole
// constant subgraph folds: Transpose(W), weights rescaled by Mul/Div, Sqrt of
// a constant variance, MatMul of two constants. The op folders only compute
// small integer shape vectors; this computes float tensors of any size up to
// a cap, but never makes the model bigger than its largest operand (an Add
// that broadcasts a [1] constant to a [1000, 1000] one does not fold).
//
//===----------------------------------------------------------------------===//
#include "passes/ConstantEvaluator.h"
#include "passes/ConstantValues.h"
#include "passes/Passes.h"

#include "compiler/dialect/OnnxDialect.h"

namespace onnxc {
#define GEN_PASS_DEF_EVALUATECONSTANTS
#include "passes/Passes.h.inc"
} // namespace onnxc

using namespace mlir;
using namespace onnxc;

namespace {

/// Largest result evaluated (elements), bounding the compiler's time and
/// memory; a few small results (shape-sized) may outgrow their operands.
constexpr int64_t kMaxElements = int64_t(1) << 22, kSmallElements = 1 << 12;

/// `v` as an evaluator operand: a float constant, or an absent optional
/// operand (no values); nullopt otherwise.
std::optional<ConstantOperand> operandOf(Value v) {
  if (llvm::isa<NoneType>(v.getType()))
    return ConstantOperand{};
  auto type = llvm::dyn_cast<RankedTensorType>(v.getType());
  auto values = constantValues(v);
  if (!type || !type.hasStaticShape() || !values)
    return std::nullopt;
  return ConstantOperand{llvm::to_vector(type.getShape()), std::move(*values)};
}

/// Replaces `op` by the constant it computes; false when it does not
/// compute one here.
bool evaluate(Operation *op) {
  if (op->getNumResults() != 1 || op->getNumRegions() != 0 || op->getNumOperands() == 0 ||
      llvm::isa<ConstantOp>(op))
    return false;
  auto type = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || !type.hasStaticShape() ||
      !(type.getElementType().isF32() || type.getElementType().isF64()))
    return false;
  llvm::SmallVector<ConstantOperand> operands;
  int64_t largest = kSmallElements;
  for (Value v : op->getOperands()) {
    auto x = operandOf(v);
    if (!x)
      return false;
    largest = std::max<int64_t>(largest, x->values.size());
    operands.push_back(std::move(*x));
  }
  if (type.getNumElements() > std::min(largest, kMaxElements))
    return false;
  auto values = evaluateConstantOp(op, operands);
  if (!values)
    return false;
  OpBuilder builder(op);
  op->getResult(0).replaceAllUsesWith(makeConstant(builder, op->getLoc(), type, *values));
  op->erase();
  return true;
}

struct EvaluateConstants : onnxc::impl::EvaluateConstantsBase<EvaluateConstants> {
  void runOnOperation() override {
    // Program order: an op's constant operands are computed before it.
    llvm::SmallVector<Operation *> ops;
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) { ops.push_back(op); });
    for (Operation *op : ops)
      evaluate(op);
  }
};

} // namespace
