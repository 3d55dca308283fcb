//===- LossEmitters.cpp - NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss -===//
//
// Both become one call into kernels/loss.h over the [N, C, d...] view of the
// input; SoftmaxCrossEntropyLoss's optional log_prob output is one more call
// into kernels/softmax.h.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// d1 * ... * dk of an [N, C, d...] operand.
int64_t innerSize(ArrayRef<int64_t> shape) {
  int64_t inner = 1;
  for (int64_t d : shape.drop_front(2))
    inner *= d;
  return inner;
}

/// Writes `kernel<T, I>(x, target, weight, y, N, C, inner, ignore..., reduction);`.
LogicalResult writeLossCall(NodeWriter &w, StringRef kernel, std::optional<int64_t> ignoreIndex,
                            StringRef reduction) {
  std::string type = w.inType(0);
  if (!isFloatType(type))
    return w.fail("supports only float and double inputs in the C++ backend");
  ArrayRef<int64_t> x = w.inShape(0);
  std::string mode = reduction == "none" ? "kLossNone" : reduction == "sum" ? "kLossSum" : "kLossMean";
  w.os << "  " << kernel << "<" << type << ", " << w.inType(1) << ">(" << w.in(0) << ", "
       << w.in(1) << ", " << w.in(2) << ", " << w.out(0) << ", /*N*/ " << x[0] << ", /*C*/ "
       << x[1] << ", /*inner*/ " << innerSize(x) << ", /*has_ignore*/ "
       << (ignoreIndex ? "true" : "false") << ", /*ignore_index*/ " << ignoreIndex.value_or(0)
       << "LL, " << mode << ");\n";
  return success();
}

LogicalResult emitNllLoss(NodeWriter &w) {
  auto op = llvm::cast<NegativeLogLikelihoodLossOp>(w.op);
  return writeLossCall(w, "nll_loss", op.getIgnoreIndex(), op.getReduction());
}

LogicalResult emitSoftmaxCrossEntropyLoss(NodeWriter &w) {
  auto op = llvm::cast<SoftmaxCrossEntropyLossOp>(w.op);
  if (failed(writeLossCall(w, "softmax_cross_entropy", op.getIgnoreIndex(), op.getReduction())))
    return failure();
  if (op.getLogProb()) {
    ArrayRef<int64_t> x = w.inShape(0);
    w.os << "  log_softmax(" << w.in(0) << ", " << w.out(1) << ", " << x[0] << ", " << x[1]
         << ", " << innerSize(x) << ");\n";
  }
  return success();
}

} // namespace

void registerLossEmitters(EmitterRegistry &r) {
  r.add("onnx.NegativeLogLikelihoodLoss", emitNllLoss);
  r.add("onnx.SoftmaxCrossEntropyLoss", emitSoftmaxCrossEntropyLoss);
}

} // namespace onnxc::cpp
