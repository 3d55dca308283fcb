//===- LossOps.cpp - verifiers and shape rules of the loss ops ------------===//
//
// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss share their operand
// layout: scores/input [N, C, d...], integer targets [N, d...], optional
// weights [C]; the loss is [N, d...] for reduction "none", a scalar otherwise.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/OpFamilies.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

static Type elementType(Value v) { return llvm::cast<ShapedType>(v.getType()).getElementType(); }

static LogicalResult verifyLoss(Operation *op, Value input, Value target, Value weight,
                                StringRef reduction) {
  if (reduction != "none" && reduction != "sum" && reduction != "mean")
    return op->emitOpError("reduction must be none, sum or mean, got '") << reduction << "'";
  if (!llvm::isa<FloatType>(elementType(input)))
    return op->emitOpError("input must be a float tensor");
  if (!llvm::isa<IntegerType>(elementType(target)))
    return op->emitOpError("target must be an integer tensor");
  if (!llvm::isa<NoneType>(weight.getType()) && elementType(weight) != elementType(input))
    return op->emitOpError("weight must have the input's element type");
  auto in = llvm::dyn_cast<RankedTensorType>(input.getType());
  auto tg = llvm::dyn_cast<RankedTensorType>(target.getType());
  if (in && in.getRank() < 2)
    return op->emitOpError("input must have rank >= 2 (N, C, d...)");
  if (in && tg && tg.getRank() != in.getRank() - 1)
    return op->emitOpError("target must have rank ") << in.getRank() - 1;
  return success();
}

/// Result types: the loss (then, when `withLogProb`, the log-probabilities,
/// shaped like the input).
static LogicalResult inferLoss(Operation *op, Value input, Value target, Value weight,
                               StringRef reduction, bool withLogProb,
                               SmallVectorImpl<Type> &results) {
  auto x = staticShapeOf(op, input), t = staticShapeOf(op, target);
  if (failed(x) || failed(t))
    return failure();
  llvm::SmallVector<int64_t> expected(*x);
  expected.erase(expected.begin() + 1);
  if (*t != expected)
    return op->emitOpError("target shape must be the input's without dim 1");
  if (!llvm::isa<NoneType>(weight.getType())) {
    auto w = staticShapeOf(op, weight);
    if (failed(w))
      return failure();
    if (*w != llvm::ArrayRef<int64_t>((*x)[1]))
      return op->emitOpError("weight must have shape [C]");
  }
  Type elem = elementType(input);
  results.push_back(RankedTensorType::get(
      reduction == "none" ? llvm::ArrayRef<int64_t>(*t) : llvm::ArrayRef<int64_t>(), elem));
  if (withLogProb)
    results.push_back(RankedTensorType::get(*x, elem));
  return success();
}

LogicalResult NegativeLogLikelihoodLossOp::verify() {
  return verifyLoss(*this, getInput(), getTarget(), getWeight(), getReduction());
}
LogicalResult NegativeLogLikelihoodLossOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferLoss(*this, getInput(), getTarget(), getWeight(), getReduction(), false, results);
}

LogicalResult SoftmaxCrossEntropyLossOp::verify() {
  return verifyLoss(*this, getScores(), getLabels(), getWeights(), getReduction());
}
LogicalResult SoftmaxCrossEntropyLossOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferLoss(*this, getScores(), getLabels(), getWeights(), getReduction(),
                   getLogProb() != nullptr, results);
}
