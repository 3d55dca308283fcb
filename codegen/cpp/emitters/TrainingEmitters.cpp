//===- TrainingEmitters.cpp - Adagrad, Momentum, Adam ----------------------===//
//
// One kernels/optimizers.h call per optimized tensor: operands R, T, then
// the per-tensor groups (X..., G..., ...), results grouped the same way.
//
//===----------------------------------------------------------------------===//
#include "codegen/cpp/NodeWriter.h"
#include "compiler/dialect/OnnxDialect.h"

using namespace mlir;

namespace onnxc::cpp {
namespace {

/// Writes `kernel(in0, in1, <groups of tensor i>, <results of tensor i>,
/// n_i, attrs)` for every optimized tensor i.
LogicalResult emitSteps(NodeWriter &w, const char *kernel, unsigned groups,
                        unsigned resultGroups, const std::string &attrs) {
  unsigned n = (w.op->getNumOperands() - 2) / groups;
  for (unsigned i = 0; i < n; ++i) {
    w.os << "  " << kernel << "(" << w.in(0) << ", " << w.in(1);
    for (unsigned g = 0; g < groups; ++g)
      w.os << ", " << w.in(2 + g * n + i);
    for (unsigned g = 0; g < resultGroups; ++g)
      w.os << ", " << w.out(g * n + i);
    w.os << ", " << w.outElements(i) << ", " << attrs << ");\n";
  }
  return success();
}

std::string number(FloatAttr attr) { return literal(toDouble(attr.getValue()), "double"); }

LogicalResult emitAdagrad(NodeWriter &w) {
  auto op = llvm::cast<AdagradOp>(w.op);
  return emitSteps(w, "adagrad_step", 3, 2,
                   number(op.getDecayFactorAttr()) + ", " + number(op.getEpsilonAttr()) + ", " +
                       number(op.getNormCoefficientAttr()));
}

LogicalResult emitMomentum(NodeWriter &w) {
  auto op = llvm::cast<MomentumOp>(w.op);
  return emitSteps(w, "momentum_step", 3, 2,
                   number(op.getAlphaAttr()) + ", " + number(op.getBetaAttr()) + ", " +
                       number(op.getNormCoefficientAttr()) + ", " +
                       (op.getMode() == "nesterov" ? "true" : "false"));
}

LogicalResult emitAdam(NodeWriter &w) {
  auto op = llvm::cast<AdamOp>(w.op);
  return emitSteps(w, "adam_step", 4, 3,
                   number(op.getAlphaAttr()) + ", " + number(op.getBetaAttr()) + ", " +
                       number(op.getEpsilonAttr()) + ", " + number(op.getNormCoefficientAttr()) +
                       ", " + number(op.getNormCoefficientPostAttr()));
}

} // namespace

void registerTrainingEmitters(EmitterRegistry &r) {
  r.add("onnx.Adagrad", emitAdagrad);
  r.add("onnx.Momentum", emitMomentum);
  r.add("onnx.Adam", emitAdam);
}

} // namespace onnxc::cpp
