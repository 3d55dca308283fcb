//===- TrainingOps.cpp - verifiers and shape rules of OnnxTrainingOps.td ---===//
//
// Each per-tensor input group has n tensors; tensor i of every group has
// the shape of X_i, and each result is a copy of its group's type.
//
//===----------------------------------------------------------------------===//
#include "compiler/dialect/OnnxDialect.h"
#include "compiler/dialect/ShapeUtils.h"

using namespace mlir;
using namespace onnxc;

namespace {

bool isFloat(Value v) {
  auto t = llvm::cast<ShapedType>(v.getType()).getElementType();
  return t.isF32() || t.isF64();
}

/// Checks an optimizer op with `groups` per-tensor input groups and
/// `resultGroups` result groups.
LogicalResult verifyOptimizer(Operation *op, Value r, Value t, OperandRange inputs,
                              ResultRange results, unsigned groups, unsigned resultGroups) {
  if (inputs.empty() || inputs.size() % groups)
    return op->emitOpError("needs ") << groups << " input tensors per optimized tensor, got "
                                     << inputs.size();
  unsigned n = inputs.size() / groups;
  if (results.size() != n * resultGroups)
    return op->emitOpError("needs ") << n * resultGroups << " results for " << n
                                     << " optimized tensors, got " << results.size();
  auto rank0 = [](Value v) {
    auto s = getStaticShape(v);
    return s && ShapedType::getNumElements(*s) == 1;
  };
  if (!isFloat(r) || !rank0(r))
    return op->emitOpError("R must be a float or double scalar");
  if (!llvm::cast<ShapedType>(t.getType()).getElementType().isInteger(64) || !rank0(t))
    return op->emitOpError("T must be an int64 scalar");
  for (unsigned i = 0; i < n; ++i)
    for (unsigned g = 0; g < groups; ++g) {
      Value v = inputs[g * n + i];
      if (!isFloat(v) || v.getType() != inputs[i].getType())
        return op->emitOpError("input ") << g * n + i + 2 << " must have the type of X" << i
                                         << " (" << inputs[i].getType() << ")";
    }
  return success();
}

/// Result group g, tensor i has the type of X_i.
LogicalResult inferOptimizer(OperandRange inputs, unsigned groups, unsigned resultGroups,
                             SmallVectorImpl<Type> &results) {
  unsigned n = inputs.size() / groups;
  for (unsigned g = 0; g < resultGroups; ++g)
    for (unsigned i = 0; i < n; ++i)
      results.push_back(inputs[i].getType());
  return success();
}

} // namespace

LogicalResult AdagradOp::verify() {
  return verifyOptimizer(*this, getR(), getT(), getInputs(), getOutputs(), 3, 2);
}
LogicalResult AdagradOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferOptimizer(getInputs(), 3, 2, results);
}

LogicalResult MomentumOp::verify() {
  if (getMode() != "standard" && getMode() != "nesterov")
    return emitOpError("mode must be 'standard' or 'nesterov', got '") << getMode() << "'";
  return verifyOptimizer(*this, getR(), getT(), getInputs(), getOutputs(), 3, 2);
}
LogicalResult MomentumOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferOptimizer(getInputs(), 3, 2, results);
}

LogicalResult AdamOp::verify() {
  return verifyOptimizer(*this, getR(), getT(), getInputs(), getOutputs(), 4, 3);
}
LogicalResult AdamOp::inferShapes(SmallVectorImpl<Type> &results) {
  return inferOptimizer(getInputs(), 4, 3, results);
}
